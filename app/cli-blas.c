/* cli-blas.c — `strata` loads OpenBLAS on first use, not at start-up
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN
 *
 * Linked at start-up, OpenBLAS costs every `strata` command about 2 ms of
 * CPU (mapping and relocating a 30 MB library and libgfortran, detecting the
 * CPU) and starts a worker thread that spins for some 100 ms on a core
 * before it sleeps, then is joined at exit: on a busy 2-core machine that
 * was a third of `strata apriori groceries.csv`. Only networks need BLAS.
 *
 * So the `strata` executable (not the workbench, not the tests) defines the
 * four OpenBLAS functions the engine calls; these forward to the real ones,
 * looked up with dlopen()/dlsym() the first time any of them is called. The
 * linker (--as-needed) then finds nothing left for libopenblas to provide
 * and does not record it. Should the engine start calling another BLAS
 * function, the linker records libopenblas again: start-up gets slower, but
 * nothing breaks.
 */

#include "config.h"

#include <cblas.h>
#include <dlfcn.h>
#include <glib.h>

typedef void (*SgemmFunc) (enum CBLAS_ORDER, enum CBLAS_TRANSPOSE, enum CBLAS_TRANSPOSE,
                           blasint, blasint, blasint, float, const float *, blasint,
                           const float *, blasint, float, float *, blasint);
typedef void (*SgemvFunc) (enum CBLAS_ORDER, enum CBLAS_TRANSPOSE, blasint, blasint,
                           float, const float *, blasint, const float *, blasint,
                           float, float *, blasint);
typedef void (*SetThreadsFunc) (int);
typedef int  (*GetThreadsFunc) (void);

static struct {
  SgemmFunc      sgemm;
  SgemvFunc      sgemv;
  SetThreadsFunc set_num_threads;  /* NULL if absent */
  GetThreadsFunc get_num_threads;  /* NULL if absent */
} blas;

/* Loads the library once, from whichever thread gets here first. A missing
 * library is fatal, as it was when it was linked. */
static void
blas_load (void)
{
  static gsize loaded = 0;
  static const char *const names[] = { "libopenblas.so.0", "libcblas.so.3", "libblas.so.3" };

  if (!g_once_init_enter (&loaded))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (names) && blas.sgemm == NULL; i++)
    {
      void *lib = dlopen (names[i], RTLD_NOW | RTLD_LOCAL);
      if (lib == NULL)
        continue;
      blas.sgemm = (SgemmFunc) dlsym (lib, "cblas_sgemm");
      blas.sgemv = (SgemvFunc) dlsym (lib, "cblas_sgemv");
      blas.set_num_threads = (SetThreadsFunc) dlsym (lib, "openblas_set_num_threads");
      blas.get_num_threads = (GetThreadsFunc) dlsym (lib, "openblas_get_num_threads");
      if (blas.sgemm == NULL || blas.sgemv == NULL)
        {
          blas.sgemm = NULL;
          dlclose (lib);
        }
    }
  if (blas.sgemm == NULL)
    g_error ("cannot load a BLAS library (libopenblas.so.0): %s", dlerror ());
  g_once_init_leave (&loaded, 1);
}

void
cblas_sgemm (const enum CBLAS_ORDER     order,
             const enum CBLAS_TRANSPOSE trans_a,
             const enum CBLAS_TRANSPOSE trans_b,
             const blasint              m,
             const blasint              n,
             const blasint              k,
             const float                alpha,
             const float               *a,
             const blasint              lda,
             const float               *b,
             const blasint              ldb,
             const float                beta,
             float                     *c,
             const blasint              ldc)
{
  blas_load ();
  blas.sgemm (order, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void
cblas_sgemv (const enum CBLAS_ORDER     order,
             const enum CBLAS_TRANSPOSE trans,
             const blasint              m,
             const blasint              n,
             const float                alpha,
             const float               *a,
             const blasint              lda,
             const float               *x,
             const blasint              incx,
             const float                beta,
             float                     *y,
             const blasint              incy)
{
  blas_load ();
  blas.sgemv (order, trans, m, n, alpha, a, lda, x, incx, beta, y, incy);
}

void
openblas_set_num_threads (int num_threads)
{
  blas_load ();
  if (blas.set_num_threads != NULL)
    blas.set_num_threads (num_threads);
}

int
openblas_get_num_threads (void)
{
  blas_load ();
  return blas.get_num_threads != NULL ? blas.get_num_threads () : 1;
}
