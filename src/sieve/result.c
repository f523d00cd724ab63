/*
 * result.c - the result of a run: actions in order, the implicit keep,
 * and their one-line text form printed by prdr-sieve (documented in
 * doc/prdr-sieve.1; SIEVEDIFF compares it against sieve-test).
 *
 *   prdr_sieve_result_new/_free, prdr_sieve_action_new/_free,
 *   prdr_sieve_action_format, prdr_sieve_action_kind_name,
 *   prdr_sieve_string_quote
 */
#include "sieve-private.h"

PrdrSieveResult *
prdr_sieve_result_new (void)
{
  PrdrSieveResult *res = g_new0 (PrdrSieveResult, 1);
  res->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_sieve_action_free);
  res->warnings = g_ptr_array_new_with_free_func (g_free);
  res->implicit_keep = TRUE;
  return res;
}

void
prdr_sieve_result_free (PrdrSieveResult *result)
{
  if (!result)
    return;
  g_ptr_array_unref (result->actions);
  g_ptr_array_unref (result->warnings);
  g_strfreev (result->keep_flags);
  g_free (result);
}

PrdrSieveAction *
prdr_sieve_action_new (PrdrSieveActionKind kind)
{
  PrdrSieveAction *a = g_new0 (PrdrSieveAction, 1);
  a->kind = kind;
  a->importance = 2;
  return a;
}

void
prdr_sieve_action_free (PrdrSieveAction *a)
{
  if (!a)
    return;
  g_free (a->target);
  g_free (a->text);
  g_strfreev (a->flags);
  g_free (a->subject);
  g_free (a->from);
  g_free (a->handle);
  g_strfreev (a->addresses);
  g_strfreev (a->options);
  g_free (a);
}

const char *
prdr_sieve_action_kind_name (PrdrSieveActionKind kind)
{
  static const char *const names[] = {
    "keep", "fileinto", "redirect", "reject", "ereject", "discard", "vacation",
    "notify", "addheader", "deleteheader", "duplicate_mark",
  };
  return (guint) kind < G_N_ELEMENTS (names) ? names[kind] : "unknown";
}

void
prdr_sieve_string_quote (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (; s && *s; s++)
    switch (*s)
      {
      case '"': g_string_append (out, "\\\""); break;
      case '\\': g_string_append (out, "\\\\"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      default: g_string_append_c (out, *s); break;
      }
  g_string_append_c (out, '"');
}

static void
prdr_sieve_format_flags (GString *out, char **flags)
{
  if (!flags || !flags[0])
    return;
  g_string_append (out, " flags");
  for (char **f = flags; *f; f++)
    {
      g_string_append_c (out, ' ');
      prdr_sieve_string_quote (out, *f);
    }
}

static void
prdr_sieve_format_field (GString *out, const char *name, const char *value)
{
  if (!value)
    return;
  g_string_append_printf (out, " %s ", name);
  prdr_sieve_string_quote (out, value);
}

static void
prdr_sieve_format_vacation (GString *out, const PrdrSieveAction *a)
{
  prdr_sieve_format_field (out, "to", a->target ? a->target : "");
  prdr_sieve_format_field (out, "subject", a->subject);
  prdr_sieve_format_field (out, "from", a->from);
  if (a->seconds % 86400 == 0)
    g_string_append_printf (out, " days %" G_GUINT64_FORMAT, a->seconds / 86400);
  else
    g_string_append_printf (out, " seconds %" G_GUINT64_FORMAT, a->seconds);
  prdr_sieve_format_field (out, "reason", a->text);
}

char *
prdr_sieve_action_format (const PrdrSieveAction *a)
{
  GString *out = g_string_new (prdr_sieve_action_kind_name (a->kind));

  switch (a->kind)
    {
    case PRDR_SIEVE_ACTION_KEEP:
      prdr_sieve_format_flags (out, a->flags);
      break;
    case PRDR_SIEVE_ACTION_FILEINTO:
    case PRDR_SIEVE_ACTION_REDIRECT:
      g_string_append_c (out, ' ');
      prdr_sieve_string_quote (out, a->target);
      if (a->copy)
        g_string_append (out, " :copy");
      if (a->create)
        g_string_append (out, " :create");
      prdr_sieve_format_flags (out, a->flags);
      break;
    case PRDR_SIEVE_ACTION_REJECT:
    case PRDR_SIEVE_ACTION_EREJECT:
      g_string_append_c (out, ' ');
      prdr_sieve_string_quote (out, a->text);
      break;
    case PRDR_SIEVE_ACTION_VACATION:
      prdr_sieve_format_vacation (out, a);
      break;
    case PRDR_SIEVE_ACTION_NOTIFY:
      g_string_append_c (out, ' ');
      prdr_sieve_string_quote (out, a->target);
      if (a->importance != 2)
        g_string_append_printf (out, " importance %d", a->importance);
      prdr_sieve_format_field (out, "message", a->text);
      break;
    case PRDR_SIEVE_ACTION_ADDHEADER:
      g_string_append_c (out, ' ');
      prdr_sieve_string_quote (out, a->target);
      g_string_append_c (out, ' ');
      prdr_sieve_string_quote (out, a->text);
      if (a->last)
        g_string_append (out, " :last");
      break;
    case PRDR_SIEVE_ACTION_DELETEHEADER:
      g_string_append_c (out, ' ');
      prdr_sieve_string_quote (out, a->target);
      if (a->index)
        g_string_append_printf (out, " index %d", a->index);
      break;
    case PRDR_SIEVE_ACTION_DUPLICATE_MARK:
      g_string_append_c (out, ' ');
      prdr_sieve_string_quote (out, a->target);
      g_string_append_printf (out, " seconds %" G_GUINT64_FORMAT, a->seconds);
      break;
    case PRDR_SIEVE_ACTION_DISCARD:
      break;
    }
  return g_string_free (out, FALSE);
}
