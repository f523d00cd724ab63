/*
 * ext-editheader.c - addheader and deleteheader (RFC 5293).
 *
 *   addheader [:last] <field-name> <value>
 *   deleteheader [:index n [:last]] [COMPARATOR] [MATCH-TYPE] <field-name>
 *                [<value-patterns>]
 *
 * The run keeps its own copy of the top-level header (run->edited_fields,
 * made on the first edit; the shared message view is never changed), which
 * later tests see.  Each change is also reported as an action for the
 * caller to apply; deleted occurrences are reported one per line with their
 * 1-based index at the time of deletion, from the bottom up, so applying
 * them in order is correct.  Field names must be RFC 5322 field names;
 * values must be UTF-8, their line breaks become folds, non-ASCII values
 * are RFC 2047 encoded.  Received and Auto-Submitted are protected from deletion
 * (RFC 5293 section 7 lets servers protect fields; these two are trace and
 * loop-prevention fields).
 */
#include "sieve-private.h"

#include <string.h>
#include "commands.h"

enum { PRDR_SIEVE_EDIT_LAST = 1, PRDR_SIEVE_EDIT_INDEX };

static const PrdrSieveTagDef prdr_sieve_addheader_tags[] = {
  { "last", 0, 0, PRDR_SIEVE_EDIT_LAST, NULL },
  { NULL, 0, 0, 0, NULL },
};
/* deleteheader's :index/:last are its own (RFC 5293 section 5), not the
 * index extension's */
static const PrdrSieveTagDef prdr_sieve_deleteheader_tags[] = {
  { "index", 'n', 0, PRDR_SIEVE_EDIT_INDEX, NULL },
  { "last", 0, 0, PRDR_SIEVE_EDIT_LAST, NULL },
  { NULL, 0, 0, 0, NULL },
};

static const char *const prdr_sieve_edit_protected[] = { "received", "auto-submitted" };

static gboolean
prdr_sieve_field_name_valid (const char *name)
{
  if (!*name || strlen (name) > PRDR_SIEVE_MAX_IDENTIFIER * 8)
    return FALSE;
  for (const char *p = name; *p; p++)
    if ((guchar) *p < 33 || (guchar) *p > 126 || *p == ':')
      return FALSE;
  return TRUE;
}

static gboolean
prdr_sieve_field_value_valid (const char *value)
{
  return g_utf8_validate (value, -1, NULL);
}

/* prdr_sieve_edit_fold - line breaks of a value become folds */
static char *
prdr_sieve_edit_fold (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p; p++)
    {
      if (*p != '\r' && *p != '\n')
        {
          g_string_append_c (out, *p);
          continue;
        }
      while (p[1] == '\r' || p[1] == '\n' || p[1] == ' ' || p[1] == '\t')
        p++;
      g_string_append (out, "\r\n ");
    }
  return g_string_free (out, FALSE);
}

static gboolean
prdr_sieve_edit_protected_field (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (prdr_sieve_edit_protected); i++)
    if (g_ascii_strcasecmp (name, prdr_sieve_edit_protected[i]) == 0)
      return TRUE;
  return FALSE;
}

/* prdr_sieve_edit_check_name - compile-time check of a constant name */
static gboolean
prdr_sieve_edit_check_name (PrdrSieveValidator *v, PrdrSieveArg *arg)
{
  const char *name = prdr_sieve_arg_string (arg);

  if (strstr (name, "${") || prdr_sieve_field_name_valid (name))
    return TRUE;
  prdr_sieve_validator_error (v, arg->line, arg->column, "specified field name '%s' is invalid",
                              name);
  return FALSE;
}

static gboolean
prdr_sieve_cmd_addheader_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  PrdrSieveArg *value = prdr_sieve_node_arg (node, 1);
  const char *text = prdr_sieve_arg_string (value);

  if (!prdr_sieve_edit_check_name (v, prdr_sieve_node_arg (node, 0)))
    return FALSE;
  if (!strstr (text, "${") && !prdr_sieve_field_value_valid (text))
    {
      prdr_sieve_validator_error (v, value->line, value->column,
                                  "specified value '%s' is invalid", text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
prdr_sieve_cmd_deleteheader_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  const PrdrSieveTagUse *index = prdr_sieve_node_tag (node, PRDR_SIEVE_EDIT_INDEX);

  node->match.last = prdr_sieve_node_tag (node, PRDR_SIEVE_EDIT_LAST) != NULL;
  node->match.index = index ? CLAMP (index->param->number, 1u, G_MAXUINT) : 0;
  if (node->match.last && !index)
    {
      prdr_sieve_validator_error (v, node->line, node->column,
                                  "deleteheader: :last needs :index");
      return FALSE;
    }
  return prdr_sieve_edit_check_name (v, prdr_sieve_node_arg (node, 0));
}

/* prdr_sieve_edit_fields - the run's own header copy, made on first use */
static GPtrArray *
prdr_sieve_edit_fields (PrdrSieveRun *run)
{
  GPtrArray *top;

  if (run->edited_fields)
    return run->edited_fields;
  top = prdr_sieve_message_part (run->msg, 0)->fields;
  run->edited_fields = g_ptr_array_new_with_free_func ((GDestroyNotify) prdr_sieve_header_field_free);
  for (guint i = 0; i < top->len; i++)
    {
      const PrdrSieveHeaderField *f = g_ptr_array_index (top, i);
      PrdrSieveHeaderField *copy = g_new0 (PrdrSieveHeaderField, 1);
      copy->name = g_strdup (f->name);
      copy->raw = g_strdup (f->raw);
      g_ptr_array_add (run->edited_fields, copy);
    }
  return run->edited_fields;
}

static PrdrSieveStatus
prdr_sieve_cmd_addheader_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  g_autofree char *name = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));
  g_autofree char *value = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 1));
  gboolean last = prdr_sieve_node_tag (node, PRDR_SIEVE_EDIT_LAST) != NULL;
  PrdrSieveHeaderField *f;
  PrdrSieveAction *a;
  char *encoded;

  if (!prdr_sieve_field_name_valid (name))
    return prdr_sieve_run_error (run, node, "specified field name '%s' is invalid", name);
  if (!prdr_sieve_field_value_valid (value))
    return prdr_sieve_run_error (run, node, "specified value '%s' is invalid", value);
  encoded = g_mime_utils_header_encode_text (NULL, value, "utf-8");
  f = g_new0 (PrdrSieveHeaderField, 1);
  f->name = g_strdup (name);
  f->raw = prdr_sieve_edit_fold (encoded);
  g_free (encoded);
  encoded = f->raw;
  f->raw = g_strconcat (" ", encoded, NULL);
  g_free (encoded);
  if (last)
    g_ptr_array_add (prdr_sieve_edit_fields (run), f);
  else
    g_ptr_array_insert (prdr_sieve_edit_fields (run), 0, f);
  a = prdr_sieve_action_new (PRDR_SIEVE_ACTION_ADDHEADER);
  a->target = g_steal_pointer (&name);
  a->text = g_steal_pointer (&value);
  a->last = last;
  return prdr_sieve_run_add_action (run, node, a);
}

/* prdr_sieve_edit_selected - is occurrence @occ (1-based, of @count) the
 * one :index / :last names (all when no :index) */
static gboolean
prdr_sieve_edit_selected (const PrdrSieveNode *node, guint occ, guint count)
{
  if (!node->match.index)
    return TRUE;
  return node->match.last ? occ == count + 1 - node->match.index : occ == node->match.index;
}

/* prdr_sieve_edit_value_matches - the field's decoded value against the
 * value patterns */
static PrdrSieveStatus
prdr_sieve_edit_value_matches (PrdrSieveRun *run, const PrdrSieveNode *node,
                               const PrdrSieveHeaderField *f, GPtrArray *keys, gboolean *hit)
{
  g_autoptr (GPtrArray) one = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (one, prdr_sieve_header_field_value (f, TRUE));
  return prdr_sieve_run_match (run, node, one, keys, hit);
}

/* prdr_sieve_edit_delete - remove field @i (occurrence @occ) and report it */
static PrdrSieveStatus
prdr_sieve_edit_delete (PrdrSieveRun *run, const PrdrSieveNode *node, guint i, guint occ)
{
  PrdrSieveAction *a = prdr_sieve_action_new (PRDR_SIEVE_ACTION_DELETEHEADER);
  PrdrSieveHeaderField *f = g_ptr_array_index (run->edited_fields, i);

  a->target = g_strdup (f->name);
  a->index = occ;
  g_ptr_array_remove_index (run->edited_fields, i);
  return prdr_sieve_run_add_action (run, node, a);
}

static PrdrSieveStatus
prdr_sieve_cmd_deleteheader_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  g_autofree char *name = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));
  PrdrSieveArg *patterns = prdr_sieve_node_arg (node, 1);
  g_autoptr (GPtrArray) keys = patterns ? prdr_sieve_run_strings (run, patterns) : NULL;
  GPtrArray *fields;
  guint count = 0, occ;

  if (!prdr_sieve_field_name_valid (name))
    return prdr_sieve_run_error (run, node, "specified field name '%s' is invalid", name);
  if (prdr_sieve_edit_protected_field (name))
    return PRDR_SIEVE_STATUS_OK;
  fields = prdr_sieve_edit_fields (run);
  for (guint i = 0; i < fields->len; i++)
    count += g_ascii_strcasecmp (((PrdrSieveHeaderField *) g_ptr_array_index (fields, i))->name,
                                 name) == 0;
  occ = count + 1;
  for (guint i = fields->len; i > 0; i--)
    {
      PrdrSieveHeaderField *f = g_ptr_array_index (fields, i - 1);
      gboolean hit = TRUE;
      if (g_ascii_strcasecmp (f->name, name) != 0)
        continue;
      occ--;
      if (!prdr_sieve_edit_selected (node, occ, count))
        continue;
      if (keys)
        {
          PrdrSieveStatus st = prdr_sieve_edit_value_matches (run, node, f, keys, &hit);
          if (st != PRDR_SIEVE_STATUS_OK)
            return st;
        }
      if (hit)
        {
          PrdrSieveStatus st = prdr_sieve_edit_delete (run, node, i - 1, occ);
          if (st != PRDR_SIEVE_STATUS_OK)
            return st;
        }
    }
  return PRDR_SIEVE_STATUS_OK;
}

const PrdrSieveCommandDef prdr_sieve_cmd_addheader = {
  .name = "addheader", .kind = PRDR_SIEVE_COMMAND, .signature = "ss",
  .tags = prdr_sieve_addheader_tags, .validate = prdr_sieve_cmd_addheader_validate,
  .exec = prdr_sieve_cmd_addheader_exec,
};
const PrdrSieveCommandDef prdr_sieve_cmd_deleteheader = {
  .name = "deleteheader", .kind = PRDR_SIEVE_COMMAND, .signature = "s|l",
  .tags = prdr_sieve_deleteheader_tags, .flags = PRDR_SIEVE_FLAG_MATCH,
  .validate = prdr_sieve_cmd_deleteheader_validate, .exec = prdr_sieve_cmd_deleteheader_exec,
};
