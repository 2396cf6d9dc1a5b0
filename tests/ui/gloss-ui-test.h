/* gloss-ui-test.h — helpers the UI tests share
 *
 * Starting a test program, spinning the main loop until a condition holds
 * or a timeout runs out, showing windows and waiting for their frames,
 * rendering widgets to textures and PNGs, finding widgets, and the files,
 * sessions, windows and application of a test.
 *
 * Every wait takes its timeout in milliseconds: each test keeps its own.
 * Timing out is a test failure (g_error) unless a function says it returns
 * FALSE instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss.h"
#include "gloss-test-utils.h"
#include "gloss-application.h"
#include "gloss-window.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------ */
/* Starting                                                             */
/* ------------------------------------------------------------------ */

void              gloss_ui_test_init                 (int          *argc,
                                                      char       ***argv);
gboolean          gloss_ui_test_init_gtk             (void);
/* GTK 4.8 warns when a popover closes with its entry focused under Xvfb
 * with no window manager ("did not receive a focus-out event"): a quirk of
 * this set-up, not ours. After this, that warning no longer aborts a test;
 * every other warning still does, and criticals are always fatal. */
void              gloss_ui_test_tolerate_focus_out_warning (void);
GlossApplication *gloss_ui_test_application_new      (const char   *annotator_id);
GlossApplication *gloss_ui_test_application_new_held (void);

/* ------------------------------------------------------------------ */
/* The main loop                                                        */
/* ------------------------------------------------------------------ */

/* What a wait waits for: TRUE once it holds. */
typedef gboolean (*GlossUiTestCondition) (gpointer data);

/* A one-shot timer that sets @expired; see GLOSS_UI_TEST_WAIT_FOR(). */
typedef struct
{
  guint    source_id;
  gboolean expired;
} GlossUiTestTimer;

void     gloss_ui_test_timer_start  (GlossUiTestTimer     *timer,
                                     guint                 ms);
void     gloss_ui_test_timer_stop   (GlossUiTestTimer     *timer);

/* Spins the default main context until @condition (any expression) holds,
 * failing the test with the condition's text after @timeout_ms. */
#define GLOSS_UI_TEST_WAIT_FOR(condition, timeout_ms)                         \
  G_STMT_START {                                                              \
    GlossUiTestTimer timer_;                                                  \
    gloss_ui_test_timer_start (&timer_, (timeout_ms));                        \
    while (!(condition) && !timer_.expired)                                   \
      g_main_context_iteration (NULL, TRUE);                                  \
    gloss_ui_test_timer_stop (&timer_);                                       \
    if (!(condition))                                                         \
      g_error ("timed out waiting for: %s", #condition);                      \
  } G_STMT_END

gboolean gloss_ui_test_spin_until   (GlossUiTestCondition  condition,
                                     gpointer              data,
                                     guint                 timeout_ms);
void     gloss_ui_test_wait_until   (GlossUiTestCondition  condition,
                                     gpointer              data,
                                     guint                 timeout_ms);
void     gloss_ui_test_spin         (guint                 ms);
void     gloss_ui_test_spin_idle    (void);

/* ------------------------------------------------------------------ */
/* Windows and frames                                                   */
/* ------------------------------------------------------------------ */

void         gloss_ui_test_wait_for_frame    (GtkWidget        *widget,
                                              guint             timeout_ms);
void         gloss_ui_test_present_and_wait  (GtkWindow        *window,
                                              guint             timeout_ms);
GtkWidget   *gloss_ui_test_show_in_window    (GtkWidget        *child,
                                              int               width,
                                              int               height,
                                              guint             timeout_ms);
void         gloss_ui_test_close_window      (GtkWindow        *window,
                                              guint             timeout_ms);
void         gloss_ui_test_destroy_window    (GtkWindow        *window,
                                              guint             timeout_ms);
GtkWindow   *gloss_ui_test_find_toplevel     (GType             type);
GlossWindow *gloss_ui_test_open_window       (GlossApplication *app,
                                              GFile            *article,
                                              guint             timeout_ms);

/* ------------------------------------------------------------------ */
/* Rendering                                                            */
/* ------------------------------------------------------------------ */

/* A texture's pixels, downloaded once: Cairo's ARGB32 (premultiplied),
 * four bytes a pixel, rows of 4 × @width bytes. */
typedef struct
{
  int     width;
  int     height;
  guchar *data;
} GlossUiTestImage;

GdkTexture       *gloss_ui_test_render_texture   (GtkWidget              *widget);
void              gloss_ui_test_render_to_png    (GtkWidget              *widget,
                                                  const char             *path);
void              gloss_ui_test_screenshot       (GtkWidget              *widget,
                                                  const char             *name,
                                                  guint                   timeout_ms);
char             *gloss_ui_test_output_path      (const char             *env_variable,
                                                  const char             *name);
GlossUiTestImage *gloss_ui_test_image_new        (GdkTexture             *texture);
void              gloss_ui_test_image_free       (GlossUiTestImage       *image);
void              gloss_ui_test_image_get_rgb    (const GlossUiTestImage *image,
                                                  int                     x,
                                                  int                     y,
                                                  guchar                 *r,
                                                  guchar                 *g,
                                                  guchar                 *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossUiTestImage, gloss_ui_test_image_free)

/* ------------------------------------------------------------------ */
/* Finding widgets                                                      */
/* ------------------------------------------------------------------ */

/* Whether @widget is the one looked for, as told by @data. */
typedef gboolean (*GlossUiTestWidgetPredicate) (GtkWidget     *widget,
                                                gconstpointer  data);

GtkWidget *gloss_ui_test_find_widget          (GtkWidget                  *root,
                                               GlossUiTestWidgetPredicate  predicate,
                                               gconstpointer               data);
GtkWidget *gloss_ui_test_find_of_type         (GtkWidget                  *root,
                                               GType                       type);
GtkWidget *gloss_ui_test_find_label           (GtkWidget                  *root,
                                               const char                 *text);
GtkWidget *gloss_ui_test_find_labelled        (GtkWidget                  *root,
                                               const char                 *mnemonic);
gboolean   gloss_ui_test_is_label_with_text   (GtkWidget                  *widget,
                                               gconstpointer               text);
gboolean   gloss_ui_test_is_button_with_label (GtkWidget                  *widget,
                                               gconstpointer               text);

/* ------------------------------------------------------------------ */
/* Files and sessions                                                   */
/* ------------------------------------------------------------------ */

/* Temporary folders are removed with gloss_test_remove_tree(). */

char         *gloss_ui_test_make_tmp_dir   (const char  *tmpl);
void          gloss_ui_test_copy_file      (const char  *from,
                                            const char  *to);
void          gloss_ui_test_copy_sample    (const char  *name,
                                            const char  *dest_dir);
guint         gloss_ui_test_copy_samples   (const char  *dest_dir);
GFile        *gloss_ui_test_make_folder    (const char  *parent,
                                            const char  *name);
void          gloss_ui_test_write_file     (GFile       *folder,
                                            const char  *name,
                                            const char  *contents,
                                            gssize       length);
char         *gloss_ui_test_read_file      (GFile       *file);
char         *gloss_ui_test_try_read_file  (GFile       *file);
GlossSession *gloss_ui_test_open_session   (const char  *folder,
                                            const char  *name,
                                            const char  *text,
                                            const char  *annotator_id);
gboolean      gloss_ui_test_close_session  (GlossSession *session,
                                            guint         timeout_ms,
                                            GError      **error);

G_END_DECLS
