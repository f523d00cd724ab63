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
  prdr_sieve_tst_hasflag, prdr_sieve_tst_body, prdr_sieve_cmd_vacation,
  prdr_sieve_tst_spamtest, prdr_sieve_tst_virustest, prdr_sieve_tst_environment,
  prdr_sieve_tst_mailboxexists, prdr_sieve_tst_date, prdr_sieve_tst_currentdate,
  prdr_sieve_tst_ihave, prdr_sieve_cmd_error, prdr_sieve_cmd_include, prdr_sieve_cmd_return,
  prdr_sieve_cmd_global, prdr_sieve_cmd_foreverypart, prdr_sieve_cmd_break,
  prdr_sieve_cmd_extracttext, prdr_sieve_cmd_addheader, prdr_sieve_cmd_deleteheader,
  prdr_sieve_tst_duplicate, prdr_sieve_cmd_notify, prdr_sieve_tst_valid_notify_method,
  prdr_sieve_tst_notify_method_capability, prdr_sieve_tst_valid_ext_list;

/* ext-variables.c: the set modifiers (RFC 5229 section 4.1), group =
 * precedence; also taken by extracttext (RFC 5703 section 7) */
enum {
  PRDR_SIEVE_MOD_LOWER = 100, PRDR_SIEVE_MOD_UPPER, PRDR_SIEVE_MOD_LOWERFIRST,
  PRDR_SIEVE_MOD_UPPERFIRST, PRDR_SIEVE_MOD_QUOTEWILDCARD, PRDR_SIEVE_MOD_ENCODEURL,
  PRDR_SIEVE_MOD_LENGTH,
};
#define PRDR_SIEVE_MODIFIER_TAGS                                             \
  { "lower", 0, 40, PRDR_SIEVE_MOD_LOWER, NULL },                            \
  { "upper", 0, 40, PRDR_SIEVE_MOD_UPPER, NULL },                            \
  { "lowerfirst", 0, 30, PRDR_SIEVE_MOD_LOWERFIRST, NULL },                  \
  { "upperfirst", 0, 30, PRDR_SIEVE_MOD_UPPERFIRST, NULL },                  \
  { "quotewildcard", 0, 20, PRDR_SIEVE_MOD_QUOTEWILDCARD, NULL },            \
  { "encodeurl", 0, 15, PRDR_SIEVE_MOD_ENCODEURL, "enotify" },               \
  { "length", 0, 10, PRDR_SIEVE_MOD_LENGTH, NULL }
/* apply the node's modifier tags to @value (consumed), by precedence;
 * escaping modifiers stop before @max octets (the variable size limit) */
char *prdr_sieve_modifiers_apply (const PrdrSieveNode *node, char *value, gsize max);

/* cmd-actions.c */
gboolean prdr_sieve_address_valid (const char *address);
/* the bare address of a one-mailbox string ("Name <a@b>" -> "a@b"), or NULL */
char *prdr_sieve_address_normalise (const char *address);
char **prdr_sieve_action_flags (PrdrSieveRun *run, const PrdrSieveNode *node);
/* ext-imap4flags.c: split on spaces, drop duplicates (case-insensitive) */
GPtrArray *prdr_sieve_flags_normalise (GPtrArray *strings);
/* tst-header.c */
GPtrArray *prdr_sieve_test_header_values (PrdrSieveRun *run, const PrdrSieveNode *node,
                                          const char *name, gboolean decode);
void prdr_sieve_test_address_parts (PrdrSieveRun *run, const PrdrSieveNode *node,
                                    GPtrArray *addresses, GPtrArray *out);

#endif
