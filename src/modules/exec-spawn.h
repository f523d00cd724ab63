/*
 * exec-spawn.h - running a checked per-user program (in the privileged
 * runner's handler): its user, groups, rlimits, process group, clean
 * environment, the message on standard input, the first line of its output,
 * and the timeout.
 */
#ifndef PRDR_MODULES_EXEC_SPAWN_H
#define PRDR_MODULES_EXEC_SPAWN_H

#include "exec-check.h"
#include "exec-runner.h"

G_BEGIN_DECLS

/* prdr_exec_spawn - run @program with the message @message_fd on standard
 * input and fill in @result: RAN (exit_code, signal, timed_out, output) or
 * FAILED (reason).  Returns within the policy's timeout plus the time to
 * kill and reap the program. */
void prdr_exec_spawn (const PrdrExecProgram *program, const PrdrExecPolicy *policy,
                      const PrdrExecEnvelope *envelope, int message_fd,
                      PrdrExecResult *result);

G_END_DECLS

#endif
