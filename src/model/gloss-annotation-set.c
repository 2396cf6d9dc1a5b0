/* gloss-annotation-set.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gloss-annotation-set.h"
