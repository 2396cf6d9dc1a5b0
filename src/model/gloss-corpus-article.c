/* gloss-corpus-article.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gloss-corpus-article.h"
