/* strata-data.c — tagged values on workflow links, and node metrics
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * A StrataData is a (type, payload) pair with an atomic reference count and
 * a serial number taken from one atomic 64-bit counter, so two values are
 * "the same input" exactly when their serials match; the executor's cache
 * relies on that. Tables and metrics are the two built-in types; other
 * modules declare theirs statically (see StrataDataType).
 */

#include "strata-data.h"

#include <gio/gio.h>
#include <stdatomic.h>
#include <string.h>

#include "strata-csv.h"

struct _StrataData {
  gatomicrefcount       ref_count;
  guint64               id;
  const StrataDataType *type;       /* static, borrowed */
  gpointer              payload;    /* owned, freed with type->free */
};

typedef struct {
  char   *name;
  double  value;
} MetricEntry;

struct _StrataMetrics {
  gatomicrefcount ref_count;
  GArray         *entries;          /* of MetricEntry, insertion order */
  guint           n_classes;        /* of the confusion matrix, 0 = none */
  char          **labels;           /* [n_classes], NULL-terminated */
  gsize          *confusion;        /* [n_classes × n_classes] */
};

static atomic_uint_fast64_t next_id = 1;   /* serial numbers */

/* --- built-in types ------------------------------------------------------- */

static gboolean
table_save (gpointer     payload,
            const char  *dir,
            const char  *node_id,
            const char  *port,
            char       **written,
            GError     **error)
{
  g_autofree char *name = g_strdup_printf ("%s.%s.csv", node_id, port);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (!strata_csv_write_file (payload, path, ',', error))
    return FALSE;
  *written = g_steal_pointer (&name);
  return TRUE;
}

static char *
table_describe (gpointer payload)
{
  return g_strdup_printf ("%" G_GSIZE_FORMAT " × %u table",
                          strata_table_get_n_rows (payload),
                          strata_table_get_n_columns (payload));
}

static const StrataDataType table_type = {
  .kind = STRATA_DATA_TABLE,
  .free = (GDestroyNotify) strata_table_unref,
  .save = table_save,
  .describe = table_describe,
};

static char *
metrics_describe (gpointer payload)
{
  StrataMetrics *m = payload;
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < m->entries->len; i++)
    {
      MetricEntry *e = &g_array_index (m->entries, MetricEntry, i);
      g_string_append_printf (s, "%s%s=%.4g", i > 0 ? ", " : "", e->name, e->value);
    }
  return g_string_free (s, FALSE);
}

static const StrataDataType metrics_type = {
  .kind = STRATA_DATA_METRICS,
  .free = (GDestroyNotify) strata_metrics_unref,
  .describe = metrics_describe,
};

/* --- data ----------------------------------------------------------------- */

StrataData *
strata_data_new (const StrataDataType *type,
                 gpointer              payload)
{
  StrataData *d;

  g_return_val_if_fail (type != NULL && type->kind != NULL, NULL);

  d = g_new0 (StrataData, 1);
  g_atomic_ref_count_init (&d->ref_count);
  d->id = (guint64) atomic_fetch_add (&next_id, 1);
  d->type = type;
  d->payload = payload;
  return d;
}

StrataData *
strata_data_new_table (StrataTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return strata_data_new (&table_type, strata_table_ref (table));
}

StrataData *
strata_data_new_metrics (StrataMetrics *metrics)
{
  g_return_val_if_fail (metrics != NULL, NULL);
  return strata_data_new (&metrics_type, strata_metrics_ref (metrics));
}

StrataData *
strata_data_ref (StrataData *data)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_atomic_ref_count_inc (&data->ref_count);
  return data;
}

void
strata_data_unref (StrataData *data)
{
  g_return_if_fail (data != NULL);
  if (!g_atomic_ref_count_dec (&data->ref_count))
    return;
  if (data->type->free != NULL && data->payload != NULL)
    data->type->free (data->payload);
  g_free (data);
}

const char *
strata_data_get_kind (StrataData *data)
{
  g_return_val_if_fail (data != NULL, NULL);
  return data->type->kind;
}

const StrataDataType *
strata_data_get_type (StrataData *data)
{
  g_return_val_if_fail (data != NULL, NULL);
  return data->type;
}

guint64
strata_data_get_id (StrataData *data)
{
  g_return_val_if_fail (data != NULL, 0);
  return data->id;
}

gpointer
strata_data_get_payload (StrataData *data,
                         const char *kind)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  return strcmp (data->type->kind, kind) == 0 ? data->payload : NULL;
}

StrataTable *
strata_data_get_table (StrataData *data)
{
  return strata_data_get_payload (data, STRATA_DATA_TABLE);
}

char *
strata_data_describe (StrataData *data)
{
  g_return_val_if_fail (data != NULL, NULL);
  if (data->type->describe != NULL)
    return data->type->describe (data->payload);
  return g_strdup (data->type->kind);
}

gboolean
strata_data_save (StrataData  *data,
                  const char  *dir,
                  const char  *node_id,
                  const char  *port,
                  char       **written,
                  GError     **error)
{
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (dir != NULL && node_id != NULL && port != NULL, FALSE);
  g_return_val_if_fail (written != NULL, FALSE);

  *written = NULL;
  if (data->type->save == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "node “%s”, port “%s”: %s values cannot be saved",
                   node_id, port, data->type->kind);
      return FALSE;
    }
  return data->type->save (data->payload, dir, node_id, port, written, error);
}

/* --- metrics -------------------------------------------------------------- */

static void
metric_entry_clear (gpointer p)
{
  MetricEntry *e = p;
  g_free (e->name);
}

StrataMetrics *
strata_metrics_new (void)
{
  StrataMetrics *m = g_new0 (StrataMetrics, 1);

  g_atomic_ref_count_init (&m->ref_count);
  m->entries = g_array_new (FALSE, FALSE, sizeof (MetricEntry));
  g_array_set_clear_func (m->entries, metric_entry_clear);
  return m;
}

StrataMetrics *
strata_metrics_ref (StrataMetrics *metrics)
{
  g_return_val_if_fail (metrics != NULL, NULL);
  g_atomic_ref_count_inc (&metrics->ref_count);
  return metrics;
}

void
strata_metrics_unref (StrataMetrics *metrics)
{
  g_return_if_fail (metrics != NULL);
  if (!g_atomic_ref_count_dec (&metrics->ref_count))
    return;
  g_array_unref (metrics->entries);
  g_strfreev (metrics->labels);
  g_free (metrics->confusion);
  g_free (metrics);
}

void
strata_metrics_set (StrataMetrics *metrics,
                    const char    *name,
                    double         value)
{
  MetricEntry e;

  g_return_if_fail (metrics != NULL && name != NULL);

  for (guint i = 0; i < metrics->entries->len; i++)
    {
      MetricEntry *old = &g_array_index (metrics->entries, MetricEntry, i);
      if (strcmp (old->name, name) == 0)
        {
          old->value = value;
          return;
        }
    }
  e.name = g_strdup (name);
  e.value = value;
  g_array_append_val (metrics->entries, e);
}

guint
strata_metrics_get_n (StrataMetrics *metrics)
{
  g_return_val_if_fail (metrics != NULL, 0);
  return metrics->entries->len;
}

const char *
strata_metrics_get_name (StrataMetrics *metrics,
                         guint          index)
{
  g_return_val_if_fail (metrics != NULL && index < metrics->entries->len, NULL);
  return g_array_index (metrics->entries, MetricEntry, index).name;
}

double
strata_metrics_get_value (StrataMetrics *metrics,
                          guint          index)
{
  g_return_val_if_fail (metrics != NULL && index < metrics->entries->len, 0.0);
  return g_array_index (metrics->entries, MetricEntry, index).value;
}

gboolean
strata_metrics_lookup (StrataMetrics *metrics,
                       const char    *name,
                       double        *value)
{
  g_return_val_if_fail (metrics != NULL && name != NULL, FALSE);

  for (guint i = 0; i < metrics->entries->len; i++)
    {
      MetricEntry *e = &g_array_index (metrics->entries, MetricEntry, i);
      if (strcmp (e->name, name) == 0)
        {
          if (value != NULL)
            *value = e->value;
          return TRUE;
        }
    }
  return FALSE;
}

StrataMetrics *
strata_metrics_copy (StrataMetrics *metrics)
{
  StrataMetrics *copy;

  g_return_val_if_fail (metrics != NULL, NULL);

  copy = strata_metrics_new ();
  for (guint i = 0; i < metrics->entries->len; i++)
    {
      MetricEntry *e = &g_array_index (metrics->entries, MetricEntry, i);
      strata_metrics_set (copy, e->name, e->value);
    }
  if (metrics->n_classes > 0)
    strata_metrics_set_confusion (copy, metrics->n_classes, (const char *const *) metrics->labels,
                                  metrics->confusion);
  return copy;
}

void
strata_metrics_set_confusion (StrataMetrics      *metrics,
                              guint               n_classes,
                              const char *const  *labels,
                              const gsize        *counts)
{
  g_return_if_fail (metrics != NULL && n_classes > 0 && labels != NULL && counts != NULL);

  g_strfreev (metrics->labels);
  g_free (metrics->confusion);
  metrics->n_classes = n_classes;
  metrics->labels = g_new0 (char *, n_classes + 1);
  for (guint i = 0; i < n_classes; i++)
    metrics->labels[i] = g_strdup (labels[i]);
  metrics->confusion = g_memdup2 (counts, sizeof (gsize) * n_classes * n_classes);
}

guint
strata_metrics_get_confusion (StrataMetrics       *metrics,
                              const char *const  **labels,
                              const gsize        **counts)
{
  g_return_val_if_fail (metrics != NULL, 0);
  if (labels != NULL)
    *labels = (const char *const *) metrics->labels;
  if (counts != NULL)
    *counts = metrics->confusion;
  return metrics->n_classes;
}
