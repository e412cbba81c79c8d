/* strata-loss-chart-private.h — what the chart's export needs of it
 *
 * Copyright 2026 The Strata developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "strata-chart-render.h"
#include "strata-loss-chart.h"

G_BEGIN_DECLS

/* Fills @scene with the chart's runs (borrowed, valid until the chart
 * changes), axis, scale and view; ink and background are left for the
 * caller. Drains the feed first so the scene has every pushed point. */
void strata_loss_chart_fill_scene (StrataLossChart  *self,
                                   StrataChartScene *scene);

G_END_DECLS
