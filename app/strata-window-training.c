/* strata-window-training.c — the results of a training node: dashboard,
 * live loss chart, run history, chart options and exports
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * A node that reports training (TRAIN_STEP / TRAIN_EPOCH events) gets a
 * page of its own in the results stack, "train:ID": a
 * StrataTrainingDashboard (progress, speed, Pause / Resume / Step / Stop
 * and the loss chart) over a bar of chart options. The page lives as long
 * as the workbench, so every run of the node is kept: each Run that
 * reaches the node adds a chart run ("Run 2 · lr 0.01"), and the Runs menu
 * shows or hides any of them in its own colour, which is how a class
 * compares learning rates.
 *
 * Events arrive here from the workbench's drain, which the window's tick
 * callback calls once per frame: a frame applies every batch that came in
 * since the last one, and GTK draws the chart once. Nothing is scheduled
 * per event.
 *
 * The dashboard's buttons drive the executor's StrataTrainControl:
 * Pause / Resume / Step act between batches; Stop asks the node to end
 * training and finish with the model trained so far (the node then sets
 * the metric "stopped"). The window's own Stop (Escape) cancels the whole
 * run instead; the dashboard then says "Cancelled".
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "strata-window-private.h"

struct _StrataTrainingPage {
  StrataWindow            *window;     /* borrowed: the window owns the page */
  char                    *node_id;
  GtkWidget               *page;       /* the stack child */
  StrataTrainingDashboard *dashboard;
  GtkWidget               *runs_list;  /* GtkListBox in the Runs popover */
  GtkWidget               *smoothing;  /* GtkScale */
  GtkWidget               *log_scale;  /* GtkToggleButton */
  GtkWidget               *x_axis;     /* GtkDropDown */
  GtkFileChooserNative    *chooser;    /* the export dialog while shown */
  StrataChartFormat        export_format;
  gboolean                 active;     /* has a run started in this Run */
  gint64                   started;    /* its first event, µs */
  double                   accuracy;   /* last epoch's training accuracy */
  guint                    n_runs;
};

static void
page_free (StrataTrainingPage *page)
{
  if (page->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (page->chooser));
  g_clear_object (&page->chooser);
  g_free (page->node_id);
  g_free (page);
}

/* --- controls -------------------------------------------------------------------- */

static StrataTrainControl *
control_of (StrataTrainingPage *page)
{
  StrataWorkbench *workbench = page->window->workbench;

  return workbench != NULL ? strata_workbench_get_train_control (workbench) : NULL;
}

static void
on_pause (StrataTrainingDashboard *dashboard,
          StrataTrainingPage      *page)
{
  if (control_of (page) != NULL)
    strata_train_control_pause (control_of (page));
}

static void
on_resume (StrataTrainingDashboard *dashboard,
           StrataTrainingPage      *page)
{
  if (control_of (page) != NULL)
    strata_train_control_resume (control_of (page));
}

static void
on_step (StrataTrainingDashboard *dashboard,
         StrataTrainingPage      *page)
{
  if (control_of (page) != NULL)
    strata_train_control_step (control_of (page));
}

static void
on_stop (StrataTrainingDashboard *dashboard,
         StrataTrainingPage      *page)
{
  if (control_of (page) != NULL)
    strata_train_control_stop (control_of (page));
}

/* --- chart options --------------------------------------------------------------- */

static StrataLossChart *
chart_of (StrataTrainingPage *page)
{
  return strata_training_dashboard_get_chart (page->dashboard);
}

static void
smoothing_changed (GtkRange           *range,
                   StrataTrainingPage *page)
{
  strata_loss_chart_set_smoothing (chart_of (page), gtk_range_get_value (range));
}

static void
log_toggled (GtkToggleButton    *button,
             StrataTrainingPage *page)
{
  strata_loss_chart_set_log_scale (chart_of (page), gtk_toggle_button_get_active (button));
}

static void
x_axis_changed (GtkDropDown        *drop_down,
                GParamSpec         *pspec,
                StrataTrainingPage *page)
{
  strata_loss_chart_set_x_axis (chart_of (page), (StrataChartXAxis) gtk_drop_down_get_selected (drop_down));
}

static void
run_toggled (GtkCheckButton     *check,
             StrataTrainingPage *page)
{
  guint run = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "run"));

  strata_loss_chart_set_run_visible (chart_of (page), run, gtk_check_button_get_active (check));
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GdkRGBA *color = user_data;

  gdk_cairo_set_source_rgba (cr, color);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 1, 0, 2 * G_PI);
  cairo_fill (cr);
}

/* A row of the Runs menu: the run's colour and a check box with its name. */
static void
add_run_row (StrataTrainingPage *page,
             guint               run)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *check = gtk_check_button_new_with_label (strata_loss_chart_get_run_name (chart_of (page), run));
  GdkRGBA *color = g_new0 (GdkRGBA, 1);

  strata_loss_chart_get_run_color (chart_of (page), run, color);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 14);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, color, g_free);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_object_set_data (G_OBJECT (check), "run", GUINT_TO_POINTER (run));
  g_signal_connect (check, "toggled", G_CALLBACK (run_toggled), page);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_box_prepend (GTK_LIST_BOX (page->runs_list), box);
}

/* --- export ---------------------------------------------------------------------- */

static const struct {
  const char       *label, *extension;
  StrataChartFormat format;
} export_formats[] = {
  { N_("Chart as PNG…"), "png", STRATA_CHART_FORMAT_PNG },
  { N_("Chart as SVG…"), "svg", STRATA_CHART_FORMAT_SVG },
  { N_("Chart as PDF…"), "pdf", STRATA_CHART_FORMAT_PDF },
  { N_("Data as CSV…"), "csv", STRATA_CHART_FORMAT_CSV },
};

gboolean
_strata_training_page_export (StrataTrainingPage *page,
                              GFile              *file,
                              StrataChartFormat   format,
                              GError            **error)
{
  /* The size of the chart on screen, at least 640 × 400. */
  int width = MAX (640, gtk_widget_get_width (GTK_WIDGET (chart_of (page))));
  int height = MAX (400, gtk_widget_get_height (GTK_WIDGET (chart_of (page))));

  return strata_loss_chart_export (chart_of (page), file, format, width, height, error);
}

static void
export_response (GtkNativeDialog    *dialog,
                 int                 response,
                 StrataTrainingPage *page)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      if (_strata_training_page_export (page, file, page->export_format, &error))
        {
          g_autofree char *title = g_strdup_printf (_("Saved %s"), name);
          _strata_window_add_toast (page->window, title, NULL, NULL);
        }
      else
        _strata_window_add_toast (page->window, error->message, NULL, NULL);
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&page->chooser);
}

static void
export_clicked (GtkButton          *button,
                StrataTrainingPage *page)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "format"));
  g_autofree char *name = g_strdup_printf ("%s-loss.%s", page->node_id, export_formats[i].extension);
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  if (page->chooser != NULL)
    return;
  page->export_format = export_formats[i].format;
  page->chooser = gtk_file_chooser_native_new (_("Export the Loss Chart"), GTK_WINDOW (page->window),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (page->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (page->chooser), TRUE);
  g_signal_connect (page->chooser, "response", G_CALLBACK (export_response), page);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (page->chooser));
}

/* --- the page -------------------------------------------------------------------- */

static GtkWidget *
menu_button (const char *label,
             GtkWidget  *content)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), label);
  gtk_menu_button_set_always_show_arrow (GTK_MENU_BUTTON (button), TRUE);
  gtk_popover_set_child (GTK_POPOVER (popover), content);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  return button;
}

static GtkWidget *
options_bar (StrataTrainingPage *page)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (_("Smoothing"));
  GtkWidget *exports = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  const char *axes[] = { N_("Step"), N_("Epoch"), N_("Time"), NULL };
  const char *translated[G_N_ELEMENTS (axes)] = { NULL };

  for (guint i = 0; axes[i] != NULL; i++)
    translated[i] = _(axes[i]);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_bottom (bar, 6);

  page->smoothing = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 0.999, 0.001);
  gtk_range_set_value (GTK_RANGE (page->smoothing), STRATA_LOSS_CHART_DEFAULT_SMOOTHING);
  gtk_scale_set_digits (GTK_SCALE (page->smoothing), 2);
  gtk_scale_set_draw_value (GTK_SCALE (page->smoothing), TRUE);
  gtk_scale_set_value_pos (GTK_SCALE (page->smoothing), GTK_POS_RIGHT);
  gtk_widget_set_size_request (page->smoothing, 160, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (page->smoothing), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Smoothing"), -1);
  g_signal_connect (page->smoothing, "value-changed", G_CALLBACK (smoothing_changed), page);

  page->log_scale = gtk_toggle_button_new_with_label (_("Log Scale"));
  gtk_widget_set_tooltip_text (page->log_scale, _("Logarithmic loss axis"));
  g_signal_connect (page->log_scale, "toggled", G_CALLBACK (log_toggled), page);

  page->x_axis = gtk_drop_down_new_from_strings (translated);
  gtk_widget_set_tooltip_text (page->x_axis, _("The horizontal axis"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (page->x_axis), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Horizontal axis"), -1);
  g_signal_connect (page->x_axis, "notify::selected", G_CALLBACK (x_axis_changed), page);

  page->runs_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (page->runs_list), GTK_SELECTION_NONE);

  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (_(export_formats[i].label));

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_halign (gtk_button_get_child (GTK_BUTTON (button)), GTK_ALIGN_START);
      g_object_set_data (G_OBJECT (button), "format", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (export_clicked), page);
      gtk_box_append (GTK_BOX (exports), button);
    }

  gtk_box_append (GTK_BOX (bar), label);
  gtk_box_append (GTK_BOX (bar), page->smoothing);
  gtk_box_append (GTK_BOX (bar), page->log_scale);
  gtk_box_append (GTK_BOX (bar), gtk_label_new (_("X Axis")));
  gtk_box_append (GTK_BOX (bar), page->x_axis);
  gtk_box_append (GTK_BOX (bar), menu_button (_("Runs"), page->runs_list));
  gtk_box_append (GTK_BOX (bar), menu_button (_("Export"), exports));
  return bar;
}

static StrataTrainingPage *
page_for (StrataWindow *self,
          const char   *node_id,
          gboolean      create)
{
  StrataTrainingPage *page = g_hash_table_lookup (self->training, node_id);
  g_autofree char *name = NULL;
  GtkWidget *dashboard;

  if (page != NULL || !create)
    return page;
  page = g_new0 (StrataTrainingPage, 1);
  page->window = self;
  page->node_id = g_strdup (node_id);
  dashboard = strata_training_dashboard_new ();
  gtk_widget_set_vexpand (dashboard, TRUE);
  page->dashboard = STRATA_TRAINING_DASHBOARD (dashboard);
  g_signal_connect (dashboard, "pause", G_CALLBACK (on_pause), page);
  g_signal_connect (dashboard, "resume", G_CALLBACK (on_resume), page);
  g_signal_connect (dashboard, "step", G_CALLBACK (on_step), page);
  g_signal_connect (dashboard, "stop", G_CALLBACK (on_stop), page);

  page->page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (page->page), dashboard);
  gtk_box_append (GTK_BOX (page->page), options_bar (page));
  name = g_strconcat ("train:", node_id, NULL);
  gtk_stack_add_named (self->results_stack, page->page, name);
  g_hash_table_insert (self->training, page->node_id, page);
  return page;
}

/* --- events ---------------------------------------------------------------------- */

/* The first event of the node in this Run starts a dashboard run. */
static void
begin_run (StrataTrainingPage *page,
           StrataEvent        *event)
{
  g_autofree char *name = NULL;

  page->n_runs++;
  /* TRANSLATORS: a training run in the chart's legend, e.g. "Run 2 · lr 0.01" */
  name = isfinite (event->learning_rate) && event->learning_rate > 0
    ? g_strdup_printf (_("Run %u · lr %g"), page->n_runs, event->learning_rate)
    : g_strdup_printf (_("Run %u"), page->n_runs);
  page->active = TRUE;
  page->started = event->time;
  page->accuracy = NAN;
  strata_training_dashboard_start (page->dashboard, name, MAX (1, event->n_epochs),
                                   MAX (1, event->steps_per_epoch), event->batch_size);
  add_run_row (page, strata_loss_chart_get_run_id (chart_of (page),
                                                   strata_loss_chart_get_n_runs (chart_of (page)) - 1));
}

void
_strata_window_training_event (StrataWindow *self,
                               StrataEvent  *event)
{
  StrataTrainingPage *page = page_for (self, event->node_id, TRUE);
  double seconds;

  if (!page->active)
    begin_run (page, event);
  if (strata_training_dashboard_get_state (page->dashboard) != STRATA_TRAINING_RUNNING &&
      strata_training_dashboard_get_state (page->dashboard) != STRATA_TRAINING_PAUSED)
    return;
  seconds = (event->time - page->started) / 1e6;
  if (event->type == STRATA_EVENT_TRAIN_STEP)
    {
      guint per_epoch = MAX (1, event->steps_per_epoch);
      guint64 in_epoch = event->steps_per_epoch > 0
        ? event->step - (guint64) event->epoch * per_epoch : event->step;

      strata_training_dashboard_push_step (page->dashboard, &(StrataTrainingStep) {
        .epoch = event->epoch,
        .step = (guint) in_epoch,
        .seconds = seconds,
        .samples = event->batch_size,
        .loss = event->loss,
        .accuracy = page->accuracy,
        .learning_rate = event->learning_rate,
      });
    }
  else
    {
      double val_loss = NAN, val_accuracy = NAN;

      if (event->metrics != NULL)
        {
          strata_metrics_lookup (event->metrics, "val_loss", &val_loss);
          strata_metrics_lookup (event->metrics, "val_accuracy", &val_accuracy);
          strata_metrics_lookup (event->metrics, "accuracy", &page->accuracy);
        }
      strata_training_dashboard_push_epoch (page->dashboard, event->epoch, seconds, val_loss, val_accuracy);
    }
}

void
_strata_window_training_run_started (StrataWindow *self)
{
  GHashTableIter iter;
  StrataTrainingPage *page;

  g_hash_table_iter_init (&iter, self->training);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &page))
    page->active = FALSE;
}

/* How each node that trained in this Run ended, from the executor's
 * result: the dashboard's buttons only said what the user asked for. */
void
_strata_window_training_run_finished (StrataWindow *self)
{
  GHashTableIter iter;
  StrataTrainingPage *page;

  g_hash_table_iter_init (&iter, self->training);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &page))
    {
      g_autoptr(StrataNodeResult) result = NULL;
      StrataTrainingState state = STRATA_TRAINING_CANCELLED;
      double stopped = 0;

      if (!page->active)
        continue;
      result = strata_workbench_dup_result (self->workbench, page->node_id);
      if (result != NULL && result->status == STRATA_NODE_STATUS_OK)
        state = result->metrics != NULL && strata_metrics_lookup (result->metrics, "stopped", &stopped) &&
                stopped != 0 ? STRATA_TRAINING_STOPPED : STRATA_TRAINING_FINISHED;
      else if (result != NULL && result->status == STRATA_NODE_STATUS_FAILED)
        state = STRATA_TRAINING_FAILED;
      strata_training_dashboard_end (page->dashboard, state);
    }
}

StrataTrainingPage *
_strata_window_training_page (StrataWindow *self,
                              const char   *node_id)
{
  return node_id != NULL ? page_for (self, node_id, FALSE) : NULL;
}

StrataTrainingDashboard *
_strata_training_page_get_dashboard (StrataTrainingPage *page)
{
  return page->dashboard;
}

GtkWidget *
_strata_training_page_get_widget (StrataTrainingPage *page)
{
  return page->page;
}

GtkWidget *
_strata_training_page_get_runs_list (StrataTrainingPage *page)
{
  return page->runs_list;
}

void
_strata_window_training_clear (StrataWindow *self)
{
  GHashTableIter iter;
  StrataTrainingPage *page;

  g_hash_table_iter_init (&iter, self->training);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &page))
    gtk_stack_remove (self->results_stack, page->page);
  g_hash_table_remove_all (self->training);
}

void
_strata_window_training_init (StrataWindow *self)
{
  self->training = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) page_free);
}

void
_strata_window_training_dispose (StrataWindow *self)
{
  g_clear_pointer (&self->training, g_hash_table_unref);
}
