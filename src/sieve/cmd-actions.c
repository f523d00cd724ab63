/*
 * cmd-actions.c - the delivery actions: keep, discard, redirect (RFC 5228
 * sections 4.1-4.3 and 4.4 of 2.10) and fileinto (section 4.1, needs
 * "fileinto"), with :copy (RFC 3894), :flags (RFC 5232) and :create
 * (RFC 5490).
 *
 * redirect takes one syntactically valid address (checked at compile time
 * when it is a constant, at run time otherwise), reported without display
 * name or quoting (RFC 5228 section 4.2); fileinto a UTF-8 mailbox
 * name.  keep and fileinto without :flags take the imap4flags internal
 * variable of the run (set by this script or by one it included).
 */
#include "sieve-private.h"

#include <string.h>
#include "commands.h"

enum { PRDR_SIEVE_TAG_COPY = 1, PRDR_SIEVE_TAG_FLAGS, PRDR_SIEVE_TAG_CREATE };

static const PrdrSieveTagDef prdr_sieve_keep_tags[] = {
  { "flags", 'l', 0, PRDR_SIEVE_TAG_FLAGS, "imap4flags" },
  { NULL, 0, 0, 0, NULL },
};
static const PrdrSieveTagDef prdr_sieve_fileinto_tags[] = {
  { "copy", 0, 0, PRDR_SIEVE_TAG_COPY, "copy" },
  { "flags", 'l', 0, PRDR_SIEVE_TAG_FLAGS, "imap4flags" },
  { "create", 0, 0, PRDR_SIEVE_TAG_CREATE, "mailbox" },
  { NULL, 0, 0, 0, NULL },
};
static const PrdrSieveTagDef prdr_sieve_redirect_tags[] = {
  { "copy", 0, 0, PRDR_SIEVE_TAG_COPY, "copy" },
  { NULL, 0, 0, 0, NULL },
};

/* prdr_sieve_address_brackets_ok - outside quoted strings and comments,
 * at most one "<...>" pair, closed (RFC 5322 section 3.4 angle-addr);
 * GMime's lenient parser would take "Name <a@b" as a@b */
static gboolean
prdr_sieve_address_brackets_ok (const char *s)
{
  guint open = 0, close = 0, comment = 0;
  gboolean quoted = FALSE;

  for (; *s; s++)
    {
      if (*s == '\\' && (quoted || comment) && s[1])
        s++;
      else if (*s == '"' && !comment)
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*s == '(')
        comment++;
      else if (*s == ')' && comment)
        comment--;
      else if (comment)
        continue;
      else if (*s == '<' && ++open > 1)
        return FALSE;
      else if (*s == '>' && ++close > open)
        return FALSE;
    }
  return !quoted && comment == 0 && open == close;
}

char *
prdr_sieve_address_normalise (const char *address)
{
  g_autoptr (GPtrArray) addrs = g_ptr_array_new_with_free_func (g_free);
  const char *at;

  if (!prdr_sieve_address_brackets_ok (address) || !prdr_sieve_address_parse (address, addrs)
      || addrs->len != 1)
    return NULL;
  at = strrchr (g_ptr_array_index (addrs, 0), '@');
  if (!at || at == g_ptr_array_index (addrs, 0) || !at[1])
    return NULL;
  return g_strdup (g_ptr_array_index (addrs, 0));
}

gboolean
prdr_sieve_address_valid (const char *address)
{
  g_autofree char *norm = prdr_sieve_address_normalise (address);
  return norm != NULL;
}

/* prdr_sieve_action_flags - :flags given, or the internal variable */
char **
prdr_sieve_action_flags (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  const PrdrSieveTagUse *use = prdr_sieve_node_tag (node, PRDR_SIEVE_TAG_FLAGS);
  g_autoptr (GPtrArray) list = NULL;

  if (use)
    {
      g_autoptr (GPtrArray) strings = prdr_sieve_run_strings (run, use->param);
      list = prdr_sieve_flags_normalise (strings);
    }
  else if (run->flags->len)
    list = prdr_sieve_flags_normalise (run->flags);
  if (!list || list->len == 0)
    return NULL;
  g_ptr_array_add (list, NULL);
  return (char **) g_ptr_array_steal (list, NULL);
}

static PrdrSieveStatus
prdr_sieve_cmd_keep_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  PrdrSieveAction *a = prdr_sieve_action_new (PRDR_SIEVE_ACTION_KEEP);
  a->flags = prdr_sieve_action_flags (run, node);
  return prdr_sieve_run_add_action (run, node, a);
}

static PrdrSieveStatus
prdr_sieve_cmd_discard_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  return prdr_sieve_run_add_action (run, node, prdr_sieve_action_new (PRDR_SIEVE_ACTION_DISCARD));
}

static gboolean
prdr_sieve_cmd_redirect_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  PrdrSieveArg *arg = prdr_sieve_node_arg (node, 0);
  const char *addr = prdr_sieve_arg_string (arg);

  if (strstr (addr, "${") && prdr_sieve_validator_has (v, "variables"))
    return TRUE;
  if (!prdr_sieve_address_valid (addr))
    {
      prdr_sieve_validator_error (v, arg->line, arg->column,
                                  "specified redirect address '%s' is invalid", addr);
      return FALSE;
    }
  return TRUE;
}

static PrdrSieveStatus
prdr_sieve_cmd_redirect_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  g_autofree char *given = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));
  char *addr = prdr_sieve_address_normalise (given);
  PrdrSieveAction *a;

  if (!addr)
    return prdr_sieve_run_error (run, node, "specified redirect address '%s' is invalid",
                                 given);
  a = prdr_sieve_action_new (PRDR_SIEVE_ACTION_REDIRECT);
  a->target = addr;
  a->copy = prdr_sieve_node_tag (node, PRDR_SIEVE_TAG_COPY) != NULL;
  return prdr_sieve_run_add_action (run, node, a);
}

/* prdr_sieve_cmd_fileinto_validate - a constant folder name must be
 * UTF-8 (RFC 5228 section 4.1: mailbox names are UTF-8, RFC 3501 5.1) */
static gboolean
prdr_sieve_cmd_fileinto_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  PrdrSieveArg *arg = prdr_sieve_node_arg (node, 0);
  const char *folder = prdr_sieve_arg_string (arg);

  if (g_utf8_validate (folder, -1, NULL)
      || (strstr (folder, "${") && prdr_sieve_validator_has (v, "variables")))
    return TRUE;
  prdr_sieve_validator_error (v, arg->line, arg->column,
                              "invalid folder name specified: invalid UTF-8");
  return FALSE;
}

static PrdrSieveStatus
prdr_sieve_cmd_fileinto_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  g_autofree char *folder = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));
  PrdrSieveAction *a;

  if (!g_utf8_validate (folder, -1, NULL) || !*folder)
    return prdr_sieve_run_error (run, node, "invalid folder name '%s'", folder);
  a = prdr_sieve_action_new (PRDR_SIEVE_ACTION_FILEINTO);
  a->target = g_steal_pointer (&folder);
  a->copy = prdr_sieve_node_tag (node, PRDR_SIEVE_TAG_COPY) != NULL;
  a->create = prdr_sieve_node_tag (node, PRDR_SIEVE_TAG_CREATE) != NULL;
  a->flags = prdr_sieve_action_flags (run, node);
  return prdr_sieve_run_add_action (run, node, a);
}

static const char *const prdr_sieve_cmd_redirect_args[] = { "address" };
static const char *const prdr_sieve_cmd_fileinto_args[] = { "folder" };

const PrdrSieveCommandDef prdr_sieve_cmd_keep = {
  .name = "keep", .kind = PRDR_SIEVE_COMMAND, .tags = prdr_sieve_keep_tags,
  .exec = prdr_sieve_cmd_keep_exec,
};
const PrdrSieveCommandDef prdr_sieve_cmd_discard = {
  .name = "discard", .kind = PRDR_SIEVE_COMMAND, .exec = prdr_sieve_cmd_discard_exec,
};
const PrdrSieveCommandDef prdr_sieve_cmd_redirect = {
  .name = "redirect", .kind = PRDR_SIEVE_COMMAND, .signature = "s",
  .arg_names = prdr_sieve_cmd_redirect_args,
  .tags = prdr_sieve_redirect_tags, .validate = prdr_sieve_cmd_redirect_validate,
  .exec = prdr_sieve_cmd_redirect_exec,
};
const PrdrSieveCommandDef prdr_sieve_cmd_fileinto = {
  .name = "fileinto", .kind = PRDR_SIEVE_COMMAND, .signature = "s",
  .arg_names = prdr_sieve_cmd_fileinto_args, .validate = prdr_sieve_cmd_fileinto_validate,
  .tags = prdr_sieve_fileinto_tags, .exec = prdr_sieve_cmd_fileinto_exec,
};
