/* gloss.h — libgloss, the model layer of Gloss (no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-adjudication.h"
#include "gloss-agreement.h"
#include "gloss-anchor.h"
#include "gloss-annotation.h"
#include "gloss-annotation-set.h"
#include "gloss-color.h"
#include "gloss-corpus.h"
#include "gloss-corpus-article.h"
#include "gloss-corpus-agreement.h"
#include "gloss-corpus-counts.h"
#include "gloss-corpus-labels.h"
#include "gloss-corpus-walk.h"
#include "gloss-document.h"
#include "gloss-error.h"
#include "gloss-export.h"
#include "gloss-import.h"
#include "gloss-json-writer.h"
#include "gloss-label.h"
#include "gloss-label-set.h"
#include "gloss-piece-map.h"
#include "gloss-problem.h"
#include "gloss-relation.h"
#include "gloss-review.h"
#include "gloss-review-unit.h"
#include "gloss-sample.h"
#include "gloss-session.h"
#include "gloss-sidecar.h"
#include "gloss-sidecar-check.h"
