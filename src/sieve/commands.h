/*
 * commands.h - the command and test descriptors defined in the cmd-*.c,
 * tst-*.c and ext-*.c files, for the registry (registry.c), and helpers
 * some of them share.
 */
#ifndef PRDR_SIEVE_COMMANDS_H
#define PRDR_SIEVE_COMMANDS_H

#include "sieve-private.h"

/* RFC 5228 core */
extern const PrdrSieveCommandDef prdr_sieve_cmd_require, prdr_sieve_cmd_if,
  prdr_sieve_cmd_elsif, prdr_sieve_cmd_else, prdr_sieve_cmd_stop, prdr_sieve_cmd_keep,
  prdr_sieve_cmd_discard, prdr_sieve_cmd_redirect;
extern const PrdrSieveCommandDef prdr_sieve_tst_true, prdr_sieve_tst_false,
  prdr_sieve_tst_not, prdr_sieve_tst_allof, prdr_sieve_tst_anyof, prdr_sieve_tst_size,
  prdr_sieve_tst_header, prdr_sieve_tst_address, prdr_sieve_tst_exists;
/* extensions */
extern const PrdrSieveCommandDef prdr_sieve_cmd_fileinto, prdr_sieve_tst_envelope,
  prdr_sieve_cmd_reject, prdr_sieve_cmd_ereject, prdr_sieve_cmd_set, prdr_sieve_tst_string,
  prdr_sieve_cmd_setflag, prdr_sieve_cmd_addflag, prdr_sieve_cmd_removeflag,
  prdr_sieve_tst_hasflag;

/* cmd-actions.c */
gboolean prdr_sieve_address_valid (const char *address);
char **prdr_sieve_action_flags (PrdrSieveRun *run, const PrdrSieveNode *node);
/* ext-imap4flags.c: split on spaces, drop duplicates (case-insensitive) */
GPtrArray *prdr_sieve_flags_normalise (GPtrArray *strings);
/* tst-header.c */
GPtrArray *prdr_sieve_test_header_values (PrdrSieveRun *run, const PrdrSieveNode *node,
                                          const char *name, gboolean decode);
void prdr_sieve_test_address_parts (PrdrSieveRun *run, const PrdrSieveNode *node,
                                    GPtrArray *addresses, GPtrArray *out);

#endif
