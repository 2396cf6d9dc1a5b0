#!/usr/bin/env python3
"""Every screenshot the metainfo names is a PNG in data/screenshots/ (the
URLs are where those files will be published), of the width and height the
metainfo says.

usage: check-screenshots.py METAINFO SCREENSHOTS_DIR
"""

import os
import struct
import sys
import xml.etree.ElementTree as ET


def png_size(path):
    with open(path, "rb") as f:
        header = f.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n" or header[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", header[16:24])


def main():
    metainfo, folder = sys.argv[1], sys.argv[2]
    images = ET.parse(metainfo).getroot().findall("./screenshots/screenshot/image")
    errors = []
    if not images:
        errors.append(f"{metainfo}: no screenshots")
    for image in images:
        name = os.path.basename(image.text.strip())
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            errors.append(f"{name}: not in {folder}")
            continue
        size = png_size(path)
        said = (int(image.get("width", 0)), int(image.get("height", 0)))
        if size is None:
            errors.append(f"{path}: not a PNG")
        elif size != said:
            errors.append(f"{path}: {size[0]}×{size[1]}, the metainfo says {said[0]}×{said[1]}")
        else:
            print(f"ok: {name} {size[0]}×{size[1]}")
    for error in errors:
        print(error)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
