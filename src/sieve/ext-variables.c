/*
 * ext-variables.c - the commands of the variables extension (RFC 5229):
 * set with its modifiers (section 4.1) and the string test (section 5).
 *
 * Modifiers apply by precedence (section 4.1): :lower/:upper (40),
 * :lowerfirst/:upperfirst (30), :quotewildcard (20), :encodeurl (15,
 * RFC 5435), :length (10); two of one precedence is a compile error.
 * The variable name must be a valid identifier, or "global.identifier"
 * with include (RFC 6609 section 3.5), checked at compile time.
 */
#include "sieve-private.h"

#include <string.h>
#include "commands.h"

static const PrdrSieveTagDef prdr_sieve_set_tags[] = {
  PRDR_SIEVE_MODIFIER_TAGS,
  { NULL, 0, 0, 0, NULL },
};

static gboolean
prdr_sieve_cmd_set_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  PrdrSieveArg *arg = prdr_sieve_node_arg (node, 0);
  const char *name = prdr_sieve_arg_string (arg);

  /* "global.name" needs include (RFC 6609 section 3.5) */
  if (!prdr_sieve_variable_name_valid (name)
      && !(prdr_sieve_variable_global_name (name) && prdr_sieve_validator_has (v, "include")))
    {
      prdr_sieve_validator_error (v, arg->line, arg->column,
                                  "invalid variable name '%s'", name);
      return FALSE;
    }
  return prdr_sieve_validator_variable_declare (v, arg, name);
}

/* prdr_sieve_mod_char_len - octets of the (UTF-8) character at @p, at
 * least 1 however malformed */
static gsize
prdr_sieve_mod_char_len (const char *p)
{
  gsize n = 1;

  if ((guchar) *p >= 0xC0)
    while (n < 4 && ((guchar) p[n] & 0xC0) == 0x80)
      n++;
  return n;
}

/* prdr_sieve_mod_escape - @value escaped character by character, :encodeurl
 * (RFC 5435 section 6: every octet outside RFC 3986's "unreserved" as
 * %XX) or :quotewildcard (RFC 5229 section 4.1.2).  The result is cut at
 * @max octets before the first character whose escape does not fit whole,
 * so a truncated value never ends in half an escape or half a character. */
static GString *
prdr_sieve_mod_escape (const char *value, gboolean url, gsize max)
{
  GString *out = g_string_new (NULL);
  GString *unit = g_string_new (NULL);

  for (const char *p = value; *p; )
    {
      gsize n = prdr_sieve_mod_char_len (p);

      g_string_truncate (unit, 0);
      for (gsize i = 0; i < n; i++)
        {
          guchar c = p[i];
          if (url && !(g_ascii_isalnum (c) || strchr ("-._~", c)))
            g_string_append_printf (unit, "%%%02X", c);
          else if (!url && (c == '*' || c == '?' || c == '\\'))
            g_string_append_printf (unit, "\\%c", c);
          else
            g_string_append_c (unit, c);
        }
      if (out->len + unit->len > max)
        break;
      g_string_append_len (out, unit->str, unit->len);
      p += n;
    }
  g_string_free (unit, TRUE);
  return out;
}

static char *
prdr_sieve_mod_apply (int mod, char *value, gsize max)
{
  GString *out;

  switch (mod)
    {
    case PRDR_SIEVE_MOD_LOWER:
      out = g_string_new (value);
      g_string_ascii_down (out);
      break;
    case PRDR_SIEVE_MOD_UPPER:
      out = g_string_new (value);
      g_string_ascii_up (out);
      break;
    case PRDR_SIEVE_MOD_LOWERFIRST:
    case PRDR_SIEVE_MOD_UPPERFIRST:
      out = g_string_new (value);
      if (out->len)
        out->str[0] = mod == PRDR_SIEVE_MOD_LOWERFIRST ? g_ascii_tolower (out->str[0])
          : g_ascii_toupper (out->str[0]);
      break;
    case PRDR_SIEVE_MOD_QUOTEWILDCARD:
    case PRDR_SIEVE_MOD_ENCODEURL:
      out = prdr_sieve_mod_escape (value, mod == PRDR_SIEVE_MOD_ENCODEURL, max);
      break;
    case PRDR_SIEVE_MOD_LENGTH:
      out = g_string_new (NULL);
      g_string_printf (out, "%ld", g_utf8_validate (value, -1, NULL)
                       ? g_utf8_strlen (value, -1) : (glong) strlen (value));
      break;
    default:
      return value;
    }
  g_free (value);
  return g_string_free (out, FALSE);
}

char *
prdr_sieve_modifiers_apply (const PrdrSieveNode *node, char *value, gsize max)
{
  static const int order[] = { 40, 30, 20, 15, 10 };

  for (guint o = 0; o < G_N_ELEMENTS (order); o++)
    for (guint i = 0; i < node->tags->len; i++)
      {
        const PrdrSieveTagUse *use = &g_array_index (node->tags, PrdrSieveTagUse, i);
        if (use->def->group == order[o])
          value = prdr_sieve_mod_apply (use->def->id, value, max);
      }
  return value;
}

static PrdrSieveStatus
prdr_sieve_cmd_set_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  g_autofree char *name = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));
  char *value = prdr_sieve_modifiers_apply (node,
                                            prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 1)),
                                            run->ctx->limits.max_variable_size);
  gboolean ok;

  ok = prdr_sieve_var_set (run, name, value);
  g_free (value);
  if (!ok)
    return prdr_sieve_run_error (run, node, "too many variables (more than %u)",
                                 run->ctx->limits.max_variables);
  return PRDR_SIEVE_STATUS_OK;
}

/* string [MATCH-TYPE] [COMPARATOR] <source: string-list> <key-list> */
static PrdrSieveStatus
prdr_sieve_tst_string_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  g_autoptr (GPtrArray) source = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, 0));
  g_autoptr (GPtrArray) keys = prdr_sieve_run_strings (run, prdr_sieve_node_arg (node, 1));

  if (node->match.match_type->kind == PRDR_SIEVE_MATCH_COUNT)
    {
      /* RFC 5229 section 5: empty strings do not count */
      for (guint i = source->len; i > 0; i--)
        if (!*(char *) g_ptr_array_index (source, i - 1))
          g_ptr_array_remove_index (source, i - 1);
    }
  return prdr_sieve_run_match (run, node, source, keys, result);
}

const PrdrSieveCommandDef prdr_sieve_cmd_set = {
  .name = "set", .kind = PRDR_SIEVE_COMMAND, .signature = "ss",
  .tags = prdr_sieve_set_tags, .validate = prdr_sieve_cmd_set_validate,
  .exec = prdr_sieve_cmd_set_exec,
};
const PrdrSieveCommandDef prdr_sieve_tst_string = {
  .name = "string", .kind = PRDR_SIEVE_TEST, .signature = "ll",
  .flags = PRDR_SIEVE_FLAG_MATCH, .eval = prdr_sieve_tst_string_eval,
};
