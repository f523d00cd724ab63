/*
 * limits.h - every size, count and time the built-in modules enforce, with
 * its reason.  Configurable limits are rows of the modules' key tables (see
 * the table at the top of exec.c); the ones here are fixed.
 */
#ifndef PRDR_MODULES_LIMITS_H
#define PRDR_MODULES_LIMITS_H

/* ---- exec: program path ---------------------------------------------- */

/* The longest [exec] program path after %-expansion.  Far below PATH_MAX
 * (4096) so that the class key "uid:path" stays under the engine's
 * PRDR_CLASS_KEY_MAX and log lines stay readable. */
#define PRDR_EXEC_PATH_MAX 1000

/* ---- exec: talking to the privileged runner -------------------------- */

/* The largest request or response frame.  A request carries the program
 * path and the envelope (RECIPIENTS: up to 1000 recipients of at most 1024
 * octets each, the engine's limits), so 2 MiB leaves room; a peer claiming
 * more is broken or hostile and the frame is refused before allocating. */
#define PRDR_EXEC_FRAME_MAX (2 * 1024 * 1024)

/* How long either side waits for the other to send a request or a
 * resolution answer.  Both run on the same host; only a stuck process or a
 * hung file system (realpath on NFS) takes longer. */
#define PRDR_EXEC_IPC_SECONDS 10

/* How long the runner waits, in milliseconds, for the request after its
 * socket arrived.  The daemon sends both at once; the runner reads requests
 * one at a time, so a peer that stalls here delays the others this long at
 * most. */
#define PRDR_EXEC_REQUEST_MS 1000

/* What the daemon adds to [exec] timeout while waiting for the runner's
 * answer to a run: the runner enforces the timeout itself and then needs a
 * moment to kill the process group and reply. */
#define PRDR_EXEC_GRACE_SECONDS 5

/* Programs running at once.  Each is a process (the runner forks a handler
 * per request, the handler forks the program); the MTA's milter concurrency
 * is the real bound, this one stops a runaway.  Beyond it a request fails
 * and the message is tempfailed. */
#define PRDR_EXEC_CONCURRENT_MAX 128

/* How often, in milliseconds, the runner's loop wakes up to reap finished
 * handlers when no request comes. */
#define PRDR_EXEC_REAP_INTERVAL_MS 1000

/* ---- exec: the program's output -------------------------------------- */

/* What we keep of the program's standard output: the first line is the
 * reply text (at most PRDR_REPLY_TEXT_MAX = 980 octets plus a code); the
 * rest is read and thrown away so that the program does not block on a full
 * pipe, for at most [exec] timeout. */
#define PRDR_EXEC_OUTPUT_MAX 4096

/* How much of a refused reply line a log line quotes (the whole line can be
 * PRDR_EXEC_OUTPUT_MAX octets; the start says enough). */
#define PRDR_EXEC_LOG_QUOTE_MAX 200

/* Supplementary groups we set for the program's user (NGROUPS_MAX is 65536
 * on Linux).  A user in more groups than this is refused, with the reason,
 * rather than run with some of them silently missing. */
#define PRDR_EXEC_GROUPS_MAX 1024

#endif
