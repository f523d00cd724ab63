/*
 * exec-check.h - deciding whether a per-user program may run, and as whom
 * (runs in the privileged runner's handler).  See exec-check.c for the
 * rules.
 */
#ifndef PRDR_MODULES_EXEC_CHECK_H
#define PRDR_MODULES_EXEC_CHECK_H

#include <sys/types.h>

#include "exec-runner.h"

G_BEGIN_DECLS

/* PrdrExecProgram - a program that passed the checks. */
typedef struct {
  char *path;     /* resolved: no symbolic links, absolute */
  uid_t uid;      /* the user it runs as */
  gid_t gid;      /* that user's primary group */
  char *user;     /* that user's login name (USER, LOGNAME) */
  char *home;     /* that user's home directory (HOME, working directory) */
} PrdrExecProgram;

void prdr_exec_program_free (PrdrExecProgram *program);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrdrExecProgram, prdr_exec_program_free)

/* prdr_exec_program_check - READY with *@program set, or MISSING, REFUSED
 * or FAILED with *@reason set (newly allocated). */
PrdrExecStatus prdr_exec_program_check (const char *path, gboolean allow_root,
                                        PrdrExecProgram **program, char **reason);

G_END_DECLS

#endif
