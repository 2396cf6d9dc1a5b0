/* gloss-relation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gloss-relation.h"
