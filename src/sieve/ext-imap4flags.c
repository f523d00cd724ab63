/*
 * ext-imap4flags.c - IMAP flags (RFC 5232): setflag, addflag, removeflag,
 * the hasflag test, and the flag list helpers used by keep/fileinto
 * :flags (cmd-actions.c).
 *
 *   prdr_sieve_flags_normalise
 *
 * A flag list is a set of space-separated flag names; flags compare
 * case-insensitively and keep their first spelling.  Without a variable
 * name the commands work on the internal variable (run->flags).  It
 * belongs to the whole run, not to one script: flags set in an included
 * script stay set for the includer, and keep/fileinto without :flags take
 * its value at the time they run, in any script of the run (RFC 5232
 * section 5); the implicit keep takes its final value.  hasflag :is and
 * :contains split their keys into flags as well (section 4).
 */
#include "sieve-private.h"

#include <string.h>
#include "commands.h"

typedef enum { PRDR_SIEVE_FLAGS_SET, PRDR_SIEVE_FLAGS_ADD, PRDR_SIEVE_FLAGS_REMOVE } PrdrSieveFlagOp;

static gboolean
prdr_sieve_flags_has (GPtrArray *list, const char *flag)
{
  for (guint i = 0; i < list->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (list, i), flag) == 0)
      return TRUE;
  return FALSE;
}

GPtrArray *
prdr_sieve_flags_normalise (GPtrArray *strings)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; strings && i < strings->len; i++)
    {
      g_auto (GStrv) words = g_strsplit_set (g_ptr_array_index (strings, i), " \t\r\n", -1);
      for (char **w = words; *w; w++)
        if (**w && !prdr_sieve_flags_has (out, *w))
          g_ptr_array_add (out, g_strdup (*w));
    }
  return out;
}

/* prdr_sieve_flags_of - the current flags of a variable or the internal one */
static GPtrArray *
prdr_sieve_flags_of (PrdrSieveRun *run, const char *var)
{
  g_autoptr (GPtrArray) one = g_ptr_array_new ();

  if (!var)
    return prdr_sieve_flags_normalise (run->flags);
  g_ptr_array_add (one, (gpointer) (prdr_sieve_var_get (run, var) ? prdr_sieve_var_get (run, var) : ""));
  return prdr_sieve_flags_normalise (one);
}

static PrdrSieveStatus
prdr_sieve_flags_store (PrdrSieveRun *run, const PrdrSieveNode *node, const char *var,
                        GPtrArray *flags)
{
  if (!var)
    {
      g_ptr_array_set_size (run->flags, 0);
      for (guint i = 0; i < flags->len; i++)
        g_ptr_array_add (run->flags, g_strdup (g_ptr_array_index (flags, i)));
      return PRDR_SIEVE_STATUS_OK;
    }
  g_ptr_array_add (flags, NULL);
  g_autofree char *joined = g_strjoinv (" ", (char **) flags->pdata);
  g_ptr_array_remove_index (flags, flags->len - 1);
  if (!prdr_sieve_var_set (run, var, joined))
    return prdr_sieve_run_error (run, node, "too many variables");
  return PRDR_SIEVE_STATUS_OK;
}

static PrdrSieveStatus
prdr_sieve_flags_exec (PrdrSieveRun *run, const PrdrSieveNode *node, PrdrSieveFlagOp op)
{
  gboolean named = node->positional->len == 2;
  g_autofree char *var = named ? prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0)) : NULL;
  g_autoptr (GPtrArray) given = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, named));
  g_autoptr (GPtrArray) add = prdr_sieve_flags_normalise (given);
  g_autoptr (GPtrArray) cur = op == PRDR_SIEVE_FLAGS_SET ? g_ptr_array_new_with_free_func (g_free)
    : prdr_sieve_flags_of (run, var);

  for (guint i = 0; i < add->len; i++)
    {
      const char *f = g_ptr_array_index (add, i);
      if (op == PRDR_SIEVE_FLAGS_REMOVE)
        {
          for (guint k = cur->len; k > 0; k--)
            if (g_ascii_strcasecmp (g_ptr_array_index (cur, k - 1), f) == 0)
              g_ptr_array_remove_index (cur, k - 1);
        }
      else if (!prdr_sieve_flags_has (cur, f))
        g_ptr_array_add (cur, g_strdup (f));
    }
  return prdr_sieve_flags_store (run, node, var, cur);
}

static PrdrSieveStatus
prdr_sieve_cmd_setflag_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  return prdr_sieve_flags_exec (run, node, PRDR_SIEVE_FLAGS_SET);
}

static PrdrSieveStatus
prdr_sieve_cmd_addflag_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  return prdr_sieve_flags_exec (run, node, PRDR_SIEVE_FLAGS_ADD);
}

static PrdrSieveStatus
prdr_sieve_cmd_removeflag_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  return prdr_sieve_flags_exec (run, node, PRDR_SIEVE_FLAGS_REMOVE);
}

static gboolean
prdr_sieve_cmd_flags_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  PrdrSieveArg *arg = prdr_sieve_node_arg (node, 0);

  if (node->positional->len == 2)
    for (guint i = 0; i < arg->strings->len; i++)
      if (!prdr_sieve_variable_name_valid (g_ptr_array_index (arg->strings, i)))
        {
          prdr_sieve_validator_error (v, arg->line, arg->column, "invalid variable name '%s'",
                                      (const char *) g_ptr_array_index (arg->strings, i));
          return FALSE;
        }
  return TRUE;
}

/* hasflag [MATCH-TYPE] [COMPARATOR] [<variable-list>] <list-of-flags> */
static PrdrSieveStatus
prdr_sieve_tst_hasflag_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  gboolean named = node->positional->len == 2;
  g_autoptr (GPtrArray) given = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, named));
  g_autoptr (GPtrArray) keys = NULL;
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  PrdrSieveMatchKind kind = node->match.match_type->kind;

  if (!given)
    return PRDR_SIEVE_STATUS_ERROR;
  /* RFC 5232 section 4: with :is and :contains a key is a flag list too
   * (hasflag :is "b A" is hasflag ["b", "A"]) */
  keys = kind == PRDR_SIEVE_MATCH_IS || kind == PRDR_SIEVE_MATCH_CONTAINS
    ? prdr_sieve_flags_normalise (given) : g_ptr_array_ref (given);

  if (named)
    {
      g_autoptr (GPtrArray) vars = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, 0));
      for (guint i = 0; i < vars->len; i++)
        {
          g_autoptr (GPtrArray) f = prdr_sieve_flags_of (run, g_ptr_array_index (vars, i));
          for (guint k = 0; k < f->len; k++)
            g_ptr_array_add (values, g_strdup (g_ptr_array_index (f, k)));
        }
    }
  else
    {
      g_autoptr (GPtrArray) f = prdr_sieve_flags_of (run, NULL);
      for (guint k = 0; k < f->len; k++)
        g_ptr_array_add (values, g_strdup (g_ptr_array_index (f, k)));
    }
  return prdr_sieve_run_match (run, node, values, keys, result);
}

#define PRDR_SIEVE_FLAG_COMMAND(cname, fn)                                    \
  const PrdrSieveCommandDef prdr_sieve_cmd_##cname = {                         \
    .name = #cname, .kind = PRDR_SIEVE_COMMAND, .signature = "l|l",            \
    .validate = prdr_sieve_cmd_flags_validate, .exec = fn,                     \
  };
PRDR_SIEVE_FLAG_COMMAND (setflag, prdr_sieve_cmd_setflag_exec)
PRDR_SIEVE_FLAG_COMMAND (addflag, prdr_sieve_cmd_addflag_exec)
PRDR_SIEVE_FLAG_COMMAND (removeflag, prdr_sieve_cmd_removeflag_exec)

const PrdrSieveCommandDef prdr_sieve_tst_hasflag = {
  .name = "hasflag", .kind = PRDR_SIEVE_TEST, .signature = "l|l",
  .flags = PRDR_SIEVE_FLAG_MATCH, .validate = prdr_sieve_cmd_flags_validate,
  .eval = prdr_sieve_tst_hasflag_eval,
};
