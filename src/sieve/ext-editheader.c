/*
 * ext-editheader.c - addheader and deleteheader (RFC 5293).
 *
 *   addheader [:last] <field-name> <value>
 *   deleteheader [:index n [:last]] [COMPARATOR] [MATCH-TYPE] <field-name>
 *                [<value-patterns>]
 *
 * The run keeps its own copy of the top-level header (run->edited_fields,
 * made on the first edit; the shared message view is never changed), which
 * later tests see.  Each change is also reported as an action; deleted
 * occurrences are reported one per action with their 1-based index at the
 * time of deletion, from the bottom up.  How a value becomes a field and
 * how a caller gets the message each action acts on: header-edit.c.
 * Field names must be RFC 5322 field names, values UTF-8; a field longer
 * than limits.max_header_size is an error (at compile time when the value
 * is a constant), and so is adding more than PRDR_SIEVE_MAX_ADDED_HEADERS
 * fields in one run.  RFC 5293 section 6: Received and Auto-Submitted are
 * never deleted, Subject may always be changed, X-Sieve-Redirected-From
 * (redirect's loop detection, mail/redirect.h) is never added or deleted
 * (section 6 lets an implementation protect more), and the caller may forbid
 * adding or deleting other fields (PrdrSieveContext.editheader_forbid_*);
 * a forbidden change is silently ignored.
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

/* RFC 5293 section 6: never deleted */
static const char *const prdr_sieve_edit_protected[] = { "received", "auto-submitted", NULL };
/* Never added or deleted: a script that removed the field could make a
 * redirect loop (the loop check reads it), one that added it could stop
 * another user's redirect */
static const char *const prdr_sieve_edit_loop_fields[] = { "x-sieve-redirected-from", NULL };

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

static gsize
prdr_sieve_edit_max_size (const PrdrSieveContext *ctx)
{
  return MAX (ctx->limits.max_header_size, (gsize) PRDR_SIEVE_MIN_HEADER_SIZE);
}

static gboolean
prdr_sieve_edit_listed (const char *const *list, const char *name)
{
  for (; list && *list; list++)
    if (g_ascii_strcasecmp (*list, name) == 0)
      return TRUE;
  return FALSE;
}

/* prdr_sieve_edit_allowed - may a script add (@add) or delete field @name
 * (RFC 5293 section 6) */
static gboolean
prdr_sieve_edit_allowed (const PrdrSieveContext *ctx, const char *name, gboolean add)
{
  if (g_ascii_strcasecmp (name, "subject") == 0)
    return TRUE;
  if (prdr_sieve_edit_listed (prdr_sieve_edit_loop_fields, name)
      || (!add && prdr_sieve_edit_listed (prdr_sieve_edit_protected, name)))
    return FALSE;
  return !prdr_sieve_edit_listed (add ? ctx->editheader_forbid_add
                                  : ctx->editheader_forbid_delete, name);
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

/* prdr_sieve_edit_check_value - the value of addheader: UTF-8, and the
 * field within the size limit; @fail reports what is wrong */
static gboolean
prdr_sieve_edit_check_value (const PrdrSieveContext *ctx, const char *name, const char *value,
                             char **fail)
{
  PrdrSieveHeaderField *f;
  gsize size;

  if (!prdr_sieve_field_value_valid (value))
    {
      *fail = g_strdup_printf ("specified value '%s' is invalid", value);
      return FALSE;
    }
  f = prdr_sieve_header_edit_field_new (name, value);
  size = prdr_sieve_header_edit_field_size (f);
  prdr_sieve_header_field_free (f);
  if (size <= prdr_sieve_edit_max_size (ctx))
    return TRUE;
  *fail = g_strdup_printf ("the '%s' header field would be %" G_GSIZE_FORMAT
                           " octets, more than the limit of %" G_GSIZE_FORMAT, name, size,
                           prdr_sieve_edit_max_size (ctx));
  return FALSE;
}

static gboolean
prdr_sieve_cmd_addheader_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  PrdrSieveArg *name = prdr_sieve_node_arg (node, 0), *value = prdr_sieve_node_arg (node, 1);
  g_autofree char *fail = NULL;

  if (!prdr_sieve_edit_check_name (v, name))
    return FALSE;
  if (strstr (prdr_sieve_arg_string (value), "${") || strstr (prdr_sieve_arg_string (name), "${")
      || prdr_sieve_edit_check_value (prdr_sieve_validator_context (v),
                                      prdr_sieve_arg_string (name),
                                      prdr_sieve_arg_string (value), &fail))
    return TRUE;
  prdr_sieve_validator_error (v, value->line, value->column, "%s", fail);
  return FALSE;
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
  if (!run->edited_fields)
    run->edited_fields = prdr_sieve_header_edit_copy (run->msg);
  return run->edited_fields;
}

/* prdr_sieve_edit_added - addheader actions in @result so far */
static guint
prdr_sieve_edit_added (const PrdrSieveResult *result)
{
  guint n = 0;

  for (guint i = 0; i < result->actions->len; i++)
    n += ((const PrdrSieveAction *) g_ptr_array_index (result->actions, i))->kind
      == PRDR_SIEVE_ACTION_ADDHEADER;
  return n;
}

static PrdrSieveStatus
prdr_sieve_cmd_addheader_exec (PrdrSieveRun *run, const PrdrSieveNode *node)
{
  g_autofree char *name = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));
  g_autofree char *value = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 1));
  g_autofree char *fail = NULL;
  PrdrSieveAction *a;

  if (!name || !value)
    return PRDR_SIEVE_STATUS_ERROR;
  if (!prdr_sieve_field_name_valid (name))
    return prdr_sieve_run_error (run, node, "specified field name '%s' is invalid", name);
  if (!prdr_sieve_edit_check_value (run->ctx, name, value, &fail))
    return prdr_sieve_run_error (run, node, "%s", fail);
  if (!prdr_sieve_edit_allowed (run->ctx, name, TRUE))
    return PRDR_SIEVE_STATUS_OK;
  if (prdr_sieve_edit_added (run->result) >= PRDR_SIEVE_MAX_ADDED_HEADERS)
    return prdr_sieve_run_error (run, node, "more than %d header fields added",
                                 PRDR_SIEVE_MAX_ADDED_HEADERS);
  a = prdr_sieve_action_new (PRDR_SIEVE_ACTION_ADDHEADER);
  a->target = g_steal_pointer (&name);
  a->text = g_steal_pointer (&value);
  a->last = prdr_sieve_node_tag (node, PRDR_SIEVE_EDIT_LAST) != NULL;
  prdr_sieve_header_edit_apply (prdr_sieve_edit_fields (run), a);
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

/* prdr_sieve_edit_delete - remove occurrence @occ of field @name and
 * report it */
static PrdrSieveStatus
prdr_sieve_edit_delete (PrdrSieveRun *run, const PrdrSieveNode *node, const char *name,
                        guint occ)
{
  PrdrSieveAction *a = prdr_sieve_action_new (PRDR_SIEVE_ACTION_DELETEHEADER);

  a->target = g_strdup (name);
  a->index = occ;
  prdr_sieve_header_edit_apply (run->edited_fields, a);
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

  if (!name || (patterns && !keys))
    return PRDR_SIEVE_STATUS_ERROR;
  if (!prdr_sieve_field_name_valid (name))
    return prdr_sieve_run_error (run, node, "specified field name '%s' is invalid", name);
  if (!prdr_sieve_edit_allowed (run->ctx, name, FALSE))
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
          PrdrSieveStatus st = prdr_sieve_edit_delete (run, node, f->name, occ);
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
