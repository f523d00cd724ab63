/*
 * noop-milter.c - the benchmark's baseline: a libmilter filter that receives
 * every event prdr-milter receives (connect, helo, mail, rcpt, headers,
 * body, end of message) and accepts everything without looking at it.
 *
 * Usage: noop-milter SOCKET   (unix:/path, inet:PORT@HOST, inet6:PORT@HOST)
 *
 * bench/run.sh drives Postfix through this filter and through prdr-milter
 * in the same run; the ratio of their message rates is prdr-milter's cost.
 * It negotiates the same protocol options as prdr-milter (leading header
 * space, no replies to header and body events when the MTA offers that),
 * so that the difference measured is the work, not the protocol.
 */
#include <libmilter/mfapi.h>
#include <stdio.h>
#include <stdlib.h>

/* The protocol steps prdr-milter also asks for when the MTA offers them. */
#define NOOP_WANTED_STEPS (SMFIP_HDR_LEADSPC | SMFIP_NR_HDR | SMFIP_NR_BODY \
                           | SMFIP_NOUNKNOWN | SMFIP_NODATA)

static sfsistat
noop_negotiate (SMFICTX *ctx, unsigned long actions, unsigned long steps,
                unsigned long f2, unsigned long f3, unsigned long *pactions,
                unsigned long *psteps, unsigned long *pf2, unsigned long *pf3)
{
  (void) ctx; (void) actions; (void) f2; (void) f3;
  *pactions = 0;
  *psteps = steps & NOOP_WANTED_STEPS;
  *pf2 = 0;
  *pf3 = 0;
  return SMFIS_CONTINUE;
}

static sfsistat
noop_connect (SMFICTX *ctx, char *name, _SOCK_ADDR *addr)
{
  (void) ctx; (void) name; (void) addr;
  return SMFIS_CONTINUE;
}

static sfsistat
noop_string (SMFICTX *ctx, char *value)
{
  (void) ctx; (void) value;
  return SMFIS_CONTINUE;
}

static sfsistat
noop_args (SMFICTX *ctx, char **argv)
{
  (void) ctx; (void) argv;
  return SMFIS_CONTINUE;
}

static sfsistat
noop_header (SMFICTX *ctx, char *name, char *value)
{
  (void) ctx; (void) name; (void) value;
  return SMFIS_NOREPLY;
}

static sfsistat
noop_body (SMFICTX *ctx, unsigned char *data, size_t length)
{
  (void) ctx; (void) data; (void) length;
  return SMFIS_NOREPLY;
}

static sfsistat
noop_event (SMFICTX *ctx)
{
  (void) ctx;
  return SMFIS_CONTINUE;
}

int
main (int argc, char **argv)
{
  struct smfiDesc desc = {
    .xxfi_name = "noop-milter",
    .xxfi_version = SMFI_VERSION,
    .xxfi_flags = 0,
    .xxfi_connect = noop_connect,
    .xxfi_helo = noop_string,
    .xxfi_envfrom = noop_args,
    .xxfi_envrcpt = noop_args,
    .xxfi_header = noop_header,
    .xxfi_eoh = noop_event,
    .xxfi_body = noop_body,
    .xxfi_eom = noop_event,
    .xxfi_abort = noop_event,
    .xxfi_close = noop_event,
    .xxfi_negotiate = noop_negotiate,
  };

  if (argc != 2)
    {
      fprintf (stderr, "usage: noop-milter SOCKET\n");
      return 2;
    }
  if (smfi_setconn (argv[1]) == MI_FAILURE || smfi_register (desc) == MI_FAILURE
      || smfi_opensocket (1) == MI_FAILURE)
    {
      fprintf (stderr, "noop-milter: cannot listen on %s\n", argv[1]);
      return 1;
    }
  return smfi_main () == MI_SUCCESS ? 0 : 1;
}
