/* workbench-main.c — `strata-workbench`: the GTK side of `strata`
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `strata` (main.c) execs this program for everything that needs a window:
 * opening the workbench, and `strata screenshot`. It is installed in
 * LIBEXECDIR and not meant to be started by hand, though it works the same.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "strata-application.h"
#include "strata-screenshot.h"

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc >= 2 && strcmp (argv[1], "screenshot") == 0)
    {
      g_set_prgname ("strata screenshot");
      argv[1] = (char *) "strata screenshot";
      return strata_screenshot_main (argc - 1, argv + 1);
    }
  g_set_prgname ("strata");
  return strata_application_run (argc, argv);
}
