/* gloss-window-private.h — what the parts of the main window share
 *
 * The window is three files around one instance struct, as
 * gnome-text-editor's editor-window:
 *   gloss-window.c          construction, following the current session
 *                           (opening, showing, its signals), the banner
 *                           and toasts, the title, the sidebars (AdwFlaps)
 *                           kept in step, the article's context menu;
 *   gloss-window-actions.c  the win.* actions (edits, find, files, review),
 *                           their installation, and the one place where
 *                           they are enabled (gloss_window_update_actions());
 *   gloss-window-ending.c   ending a session before closing or switching
 *                           article, and the question about edits that
 *                           could not be written.
 * Tests include this header for the accessors at its end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gloss-annotation-list.h"
#include "gloss-article-view.h"
#include "gloss-attribute-popover.h"
#include "gloss-corpus-list.h"
#include "gloss-label-bar.h"
#include "gloss-note-popover.h"
#include "gloss-speaker-chooser.h"
#include "gloss-suggester.h"
#include "gloss-suggestion-list.h"
#include "gloss-window.h"

G_BEGIN_DECLS

/* The banner under the header: a state that stands until it is resolved
 * or dismissed. Passing news (reloaded, their version kept, the article
 * opened again) are toasts instead (gloss_window_show_toast()). */
typedef enum
{
  GLOSS_WINDOW_BANNER_NONE,
  GLOSS_WINDOW_BANNER_INFO,            /* dismiss only (errors among them) */
  GLOSS_WINDOW_BANNER_EXTERNAL_CHANGE, /* offers Reload */
  GLOSS_WINDOW_BANNER_READ_ONLY,       /* the session's read-only reason; may offer Take Over */
} GlossWindowBanner;

/* Why the current session is being ended (gloss-window-ending.c). */
typedef enum
{
  GLOSS_WINDOW_ENDING_NONE,
  GLOSS_WINDOW_ENDING_SWITCH,   /* another article is to be shown: next_article */
  GLOSS_WINDOW_ENDING_CLOSE,    /* the window is closing */
} GlossWindowEnding;

struct _GlossWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  AdwToastOverlay      *toast_overlay;
  GtkWidget            *main_box;
  AdwWindowTitle       *window_title;
  GtkRevealer          *banner;
  GtkImage             *banner_icon;
  GtkLabel             *banner_label;
  GtkStack             *content_stack;
  AdwFlap              *corpus_flap;
  AdwFlap              *annotation_flap;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkLabel             *match_label;
  GtkToggleButton      *find_button;
  GlossLabelBar        *label_bar;
  GlossCorpusList      *corpus_list;
  GlossArticleView     *article_view;
  GlossAnnotationList  *annotation_list;
  GtkStack             *sidebar_stack;
  GlossSuggestionList  *suggestion_list;

  GtkWidget            *reload_button;
  GtkWidget            *take_over_button;
  GlossWindowBanner     banner_kind;
  gboolean              banner_is_error;
  /* The corpus sidebar was shown when the window became too narrow for
   * it beside the article: shown again when it is wide enough. */
  gboolean              corpus_before_fold;
  gboolean              corpus_folded;     /* as last followed */
  guint                 corpus_fold_id;
  /* The article's context menu (built when it opens: only what applies). */
  GtkWidget            *context_menu;
  /* The article is being opened again because it changed on disk. */
  gboolean              reopening_changed_article;

  /* The annotation sidebar catching up with the article (see
   * schedule_list_session() and sync_list_selection()). */
  guint                 list_sync_id;
  guint                 list_session_id;
  GdkFrameClock        *list_clock;       /* waiting for its after-paint */
  gulong                list_paint_id;

  GSettings            *settings;
  GlossSession         *session;
  /* The current session's signals and its annotation set's, followed by
   * pointing the groups at the new ones (no manual reconnecting). */
  GSignalGroup         *session_signals;
  GSignalGroup         *set_signals;
  GFile                *article;        /* the article being opened or shown */
  GFile                *folder;         /* the corpus folder, if one is open */
  GCancellable         *opening;
  GlossNotePopover     *note_popover;
  GlossAttributePopover *attribute_popover;
  /* What gloss_window_update_actions() last set, one bit per action of
   * its table (bit set in actions_known once set at all): it runs at every
   * edit and selection, and telling GTK an unchanged state still walks the
   * action muxers. */
  guint32               actions_enabled;
  guint32               actions_known;
  GlossSpeakerChooser  *speaker_chooser;

  /* The current session's suggestions (gloss-window-suggestions.c): its
   * list's changes, followed; the suggestion the window last stepped to
   * (F8, or after an accept or reject), which a label key then accepts
   * with that label; the last one rejected, for the toast's Undo. */
  GSignalGroup         *suggestion_signals;
  GlossSuggestion      *stepped_suggestion;
  GlossSuggestion      *rejected_suggestion;
  /* Makes suggestions for the current session (win.suggest, and same-text
   * after each mark while suggest-while-marking is on); the run that
   * win.suggest started, to cancel it when the session goes. */
  GlossSuggester       *suggester;
  GCancellable         *suggesting;

  gboolean              closing;
  /* Ending the session: flushing it, or asking what to do with edits
   * that could not be written (unsaved_dialog). */
  GlossWindowEnding     ending;
  GFile                *next_article;
  GtkWindow            *unsaved_dialog;    /* weak */
};

/* gloss-window.c */
GlossAnnotationSet *gloss_window_get_current_set        (GlossWindow  *self);
GlossAnnotation    *gloss_window_get_selected_annotation (GlossWindow *self);
/* The application's annotator id, or "annotator". */
char               *gloss_window_dup_annotator_id       (GlossWindow  *self);
/* A standing message in the banner, until dismissed or replaced. */
void                gloss_window_show_error             (GlossWindow  *self,
                                                         const char   *message);
/* Passing news that needs no answer: a toast. */
void                gloss_window_show_toast             (GlossWindow  *self,
                                                         const char   *message);
void                gloss_window_update_subtitle        (GlossWindow  *self);
/* Shows @session (nullable) in the view, the sidebars and the label bar. */
void                gloss_window_set_session            (GlossWindow  *self,
                                                         GlossSession *session);
/* Opens @article, the current session (if any) having ended. */
void                gloss_window_start_opening          (GlossWindow  *self,
                                                         GFile        *article);
/* Makes the annotation sidebar catch up with the article's selection. */
void                gloss_window_flush_list_selection   (GlossWindow  *self);

/* gloss-window-actions.c */
void                gloss_window_class_init_actions     (GlossWindowClass *klass);
void                gloss_window_init_actions           (GlossWindow  *self);
void                gloss_window_update_actions         (GlossWindow  *self);

/* gloss-window-suggestions.c: the win.*-suggestion actions, their keys
 * (gloss-application.c) and what the window shows of the suggestions */
void                gloss_window_class_init_suggestions (GlossWindowClass *klass);
void                gloss_window_init_suggestions       (GlossWindow  *self);
void                gloss_window_dispose_suggestions    (GlossWindow  *self);
/* Shows the current session's suggestions in the article and the list. */
void                gloss_window_show_suggestions       (GlossWindow  *self);
/* Whether accepting, rejecting and stepping apply now (read by
 * gloss_window_update_actions(), which enables them). */
gboolean            gloss_window_can_decide_suggestions (GlossWindow  *self);
gboolean            gloss_window_has_suggestions        (GlossWindow  *self);
/* Whether win.suggest applies: a session whose suggestions file and
 * annotations can be written, and no win.suggest run in flight. */
gboolean            gloss_window_can_suggest            (GlossWindow  *self);
/* A label key: when the selection is the span of the suggestion the
 * window stepped to, or of a listed one, that suggestion is accepted with
 * @label (stepping on to the next in the first case). TRUE when it was. */
gboolean            gloss_window_accept_selected_suggestion (GlossWindow *self,
                                                             const char  *label);
/* A passing message with Undo (gloss-window-actions.c). */
void                gloss_window_announce_with_undo     (GlossWindow  *self,
                                                         const char   *message);

/* gloss-window-ending.c */
void                gloss_window_end_session            (GlossWindow       *self,
                                                         GlossWindowEnding  ending);
/* From close-request: TRUE when the window must wait (its session is
 * ending first, or the question about unsaved edits stands); FALSE when
 * it may close now. */
gboolean            gloss_window_end_before_closing     (GlossWindow  *self);

/* For tests */
/* The article's context menu as it would open now: the labels and edits
 * that apply, Copy and Select All; nothing greyed out. */
GMenuModel          *gloss_window_build_context_menu  (GlossWindow *self);
GlossArticleView    *gloss_window_get_article_view    (GlossWindow *self);
GlossAnnotationList *gloss_window_get_annotation_list (GlossWindow *self);
GlossSuggester      *gloss_window_get_suggester       (GlossWindow *self);

G_END_DECLS
