// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/cli.h"

namespace hd::cli {

int runVersion(Context &ctx);
int runInit(Context &ctx);
int runSeed(Context &ctx);
int runCreate(Context &ctx);
int runList(Context &ctx);
int runShow(Context &ctx);
int runSearch(Context &ctx);
int runCounts(Context &ctx);
int runTransition(Context &ctx);
int runAssign(Context &ctx);
int runNote(Context &ctx);
int runReply(Context &ctx);
int runMerge(Context &ctx);
int runSplit(Context &ctx);
int runArchive(Context &ctx);
int runImport(Context &ctx);
int runCustomer(Context &ctx);
int runReport(Context &ctx);
int runLogin(Context &ctx);
int runSync(Context &ctx);

} // namespace hd::cli
