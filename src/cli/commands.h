// The subcommands of `vigie`: argument parsing and output; the work is the core's.
#pragma once

namespace vigie::cli {

// Exit status: 0 success, 1 bad input or usage (message on stderr).
int run(int argc, char** argv);

}  // namespace vigie::cli
