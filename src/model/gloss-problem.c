/* gloss-problem.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gloss-problem.h"
