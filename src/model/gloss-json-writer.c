/* gloss-json-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gloss-json-writer.h"
