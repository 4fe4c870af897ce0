// The `vigie` command: an empty shell around vigie::cli::run.
#include "cli/commands.h"

int main(int argc, char** argv) { return vigie::cli::run(argc, argv); }
