/* bench-nn.c — Strata side of the neural-network benchmark
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Trains one of the benchmark models on the bundled MNIST and prints one
 * JSON object per line on stdout, or measures cblas_sgemm's peak. Driven by
 * bench-nn.py, which runs PyTorch on the same data and prints the
 * comparison; it can also be run by hand:
 *
 *   STRATA_SOURCE_ROOT=. build/tests/bench-nn lenet --epochs 3 --threads 2
 *   OPENBLAS_NUM_THREADS=2 build/tests/bench-nn sgemm
 *
 * Models (the same as bench-nn.py builds in PyTorch):
 *   lenet  LeNet-5 on [1, 28, 28], SGD lr 0.01 momentum 0.9, batch 64
 *   mlp    784-256-128-10 with relu, Adam lr 0.001, batch 64
 *   lstm   sequential MNIST: 28 rows of 28 pixels → LSTM 128 → dense 10,
 *          Adam lr 0.001, batch 64
 */

#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "strata-idx.h"
#include "strata-train.h"

static const char *lenet_json =
  "{\"input\": [1, 28, 28], \"layers\": ["
  "{\"type\": \"conv2d\", \"out_channels\": 6, \"kernel_size\": 5}, {\"type\": \"relu\"},"
  "{\"type\": \"maxpool2d\", \"kernel_size\": 2},"
  "{\"type\": \"conv2d\", \"out_channels\": 16, \"kernel_size\": 5}, {\"type\": \"relu\"},"
  "{\"type\": \"maxpool2d\", \"kernel_size\": 2}, {\"type\": \"flatten\"},"
  "{\"type\": \"dense\", \"out_features\": 120}, {\"type\": \"relu\"},"
  "{\"type\": \"dense\", \"out_features\": 84}, {\"type\": \"relu\"},"
  "{\"type\": \"dense\", \"out_features\": 10}]}";

static const char *mlp_json =
  "{\"input\": [784], \"layers\": ["
  "{\"type\": \"dense\", \"out_features\": 256}, {\"type\": \"relu\"},"
  "{\"type\": \"dense\", \"out_features\": 128}, {\"type\": \"relu\"},"
  "{\"type\": \"dense\", \"out_features\": 10}]}";

static const char *lstm_json =
  "{\"input\": [28, 28], \"layers\": ["
  "{\"type\": \"lstm\", \"hidden_size\": 128},"
  "{\"type\": \"dense\", \"out_features\": 10}]}";

static double
peak_rss_mb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;
}

static int
bench_sgemm (void)
{
  const int n = 2048, reps = 10;
  float *a = strata_aligned_floats ((gsize) n * n);
  float *b = strata_aligned_floats ((gsize) n * n);
  float *c = strata_aligned_floats ((gsize) n * n);
  double best = 0.0;

  for (gsize i = 0; i < (gsize) n * n; i++)
    {
      a[i] = (float) (i % 7) * 0.1f;
      b[i] = (float) (i % 5) * 0.1f;
    }
  for (int r = 0; r < reps; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double s;

      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n,
                   1.0f, a, n, b, n, 0.0f, c, n);
      s = (g_get_monotonic_time () - t0) / 1e6;
      best = MAX (best, 2.0 * n * n * n / s / 1e9);
    }
  printf ("{\"bench\": \"sgemm\", \"n\": %d, \"gflops\": %.1f}\n", n, best);
  strata_aligned_free (a);
  strata_aligned_free (b);
  strata_aligned_free (c);
  return 0;
}

typedef struct {
  gsize  n_train;
  double flops;       /* per training image */
  double last_wall;   /* seconds at the previous epoch event */
  double last_cpu;
} Progress;

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One JSON line per epoch: wall and CPU seconds of the epoch (CPU time is
 * what a shared machine does not inflate much: sleeping threads use none). */
static void
on_event (const StrataTrainEvent *ev,
          gpointer                user_data)
{
  Progress *p = user_data;
  double cpu = cpu_seconds (), wall = ev->seconds - p->last_wall;

  if (ev->kind != STRATA_TRAIN_EVENT_EPOCH)
    return;
  printf ("{\"bench\": \"%s\", \"impl\": \"strata\", \"epoch\": %u, \"seconds\": %.3f, "
          "\"cpu_seconds\": %.3f, \"images_per_second\": %.0f, \"train_loss\": %.5f, "
          "\"train_flops_per_image\": %.0f}\n", g_get_prgname (), ev->epoch, wall,
          cpu - p->last_cpu, p->n_train / wall, ev->train_loss, p->flops);
  fflush (stdout);
  p->last_wall = ev->seconds;
  p->last_cpu = cpu;
}

int
main (int   argc,
      char *argv[])
{
  const char *model = argc > 1 ? argv[1] : "lenet";
  const char *root = g_getenv ("STRATA_SOURCE_ROOT");
  guint epochs = 1, seed = 1, threads = 2;
  gsize n_train = 60000, n_test = 10000;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataTensor) x = NULL, y = NULL, xt = NULL, yt = NULL;
  g_autoptr(StrataNetwork) net = NULL;
  g_autoptr(StrataTrainer) trainer = NULL;
  g_autofree char *dir = NULL, *p = NULL;
  StrataTrainConfig c;
  const char *json;
  Progress progress = { 0 };
  double loss, acc;

  for (int i = 2; i + 1 < argc; i += 2)
    {
      if (g_str_equal (argv[i], "--epochs"))
        epochs = (guint) atoi (argv[i + 1]);
      else if (g_str_equal (argv[i], "--train"))
        n_train = (gsize) atol (argv[i + 1]);
      else if (g_str_equal (argv[i], "--test"))
        n_test = (gsize) atol (argv[i + 1]);
      else if (g_str_equal (argv[i], "--seed"))
        seed = (guint) atoi (argv[i + 1]);
      else if (g_str_equal (argv[i], "--threads"))
        threads = (guint) atoi (argv[i + 1]);
      else
        {
          fprintf (stderr, "usage: bench-nn lenet|mlp|lstm|sgemm [--epochs E] "
                           "[--train N] [--test N] [--seed S] [--threads T]\n");
          return 2;
        }
    }
  if (g_str_equal (model, "sgemm"))
    return bench_sgemm ();

  dir = g_build_filename (root ? root : ".", "data", "datasets", "mnist", NULL);
  p = g_build_filename (dir, "train-images-idx3-ubyte.gz", NULL);
  x = strata_idx_read_images (p, n_train, NULL, &error);
  g_free (p);
  p = g_build_filename (dir, "train-labels-idx1-ubyte.gz", NULL);
  y = x ? strata_idx_read_labels (p, n_train, NULL, &error) : NULL;
  g_free (p);
  p = g_build_filename (dir, "t10k-images-idx3-ubyte.gz", NULL);
  xt = y ? strata_idx_read_images (p, n_test, NULL, &error) : NULL;
  g_free (p);
  p = g_build_filename (dir, "t10k-labels-idx1-ubyte.gz", NULL);
  yt = xt ? strata_idx_read_labels (p, n_test, NULL, &error) : NULL;
  if (yt == NULL)
    {
      fprintf (stderr, "bench-nn: %s\n", error->message);
      return 1;
    }

  strata_train_config_init (&c);
  c.batch_size = 64;
  c.epochs = epochs;
  c.seed = seed;
  c.n_threads = threads;
  if (g_str_equal (model, "lenet"))
    {
      json = lenet_json;
      c.optimizer.learning_rate = 0.01;
      c.optimizer.momentum = 0.9;
    }
  else
    {
      json = g_str_equal (model, "mlp") ? mlp_json : lstm_json;
      strata_optimizer_config_init (&c.optimizer, STRATA_OPTIMIZER_ADAM);
    }
  /* The same floats seen as [N, 784] or [N, 28, 28]. */
  if (g_str_equal (model, "mlp"))
    {
      x->ndim = xt->ndim = 2;
      x->shape[1] = xt->shape[1] = 784;
      x->shape[2] = x->shape[3] = xt->shape[2] = xt->shape[3] = 1;
    }
  else if (g_str_equal (model, "lstm"))
    {
      x->ndim = xt->ndim = 3;
      x->shape[1] = xt->shape[1] = 28;
      x->shape[2] = xt->shape[2] = 28;
      x->shape[3] = xt->shape[3] = 1;
    }

  net = strata_network_new_from_string (json, &error);
  if (net == NULL)
    {
      fprintf (stderr, "bench-nn: %s\n", error->message);
      return 1;
    }
  strata_network_init_weights (net, seed);
  g_set_prgname (model);
  progress.n_train = x->shape[0];
  progress.flops = 6.0 * strata_network_forward_macs (net);
  progress.last_cpu = cpu_seconds ();
  trainer = strata_trainer_new (net, &c);
  strata_trainer_set_callback (trainer, on_event, &progress);
  if (!strata_trainer_fit (trainer, x, y, NULL, NULL, NULL, &error))
    {
      fprintf (stderr, "bench-nn: %s\n", error->message);
      return 1;
    }
  strata_train_evaluate (net, c.loss, xt, yt, c.batch_size, &loss, &acc);
  printf ("{\"bench\": \"%s\", \"impl\": \"strata\", \"test_accuracy\": %.4f, "
          "\"test_loss\": %.5f, \"peak_rss_mb\": %.1f}\n", model, acc, loss, peak_rss_mb ());
  return 0;
}
