/*
 * validator.c - checks the syntax tree against the command descriptors and
 * turns it into the compiled form.
 *
 *   prdr_sieve_validate, prdr_sieve_validator_error/_warning/_has/_add,
 *   prdr_sieve_node_tag, prdr_sieve_node_arg, prdr_sieve_arg_string
 *
 * Implements RFC 5228 sections 2.6 (arguments: tags before positional
 * arguments, in any order), 3.2 (require first, at top level) and 2.7
 * (comparators, match types, address parts as shared tags), and applies
 * encoded-character (RFC 5228 section 2.4.2.4) to every string of a script
 * that requires it, and rejects references to unknown variable namespaces
 * (RFC 5229 section 3).  Each command's own checks are its descriptor's
 * validate hook.
 *
 * Errors are counted the way Pigeonhole counts them, so its conformance
 * suite can check them: a node's arguments (every tag known, anywhere;
 * leading tags; then the positional count and types) and its shape (tests,
 * then block) are checked apart; its hook runs only when both are fine; its
 * tests and block are validated even when the node failed.  An unknown
 * command or tag is reported once per script.  A command that takes no test
 * but has one gets the likely typo: "missing semicolon" or "missing colon".
 */
#include "sieve-private.h"

#include <string.h>

enum {
  PRDR_SIEVE_SHARED_COMPARATOR = 1, PRDR_SIEVE_SHARED_MATCH, PRDR_SIEVE_SHARED_ADDRPART,
  PRDR_SIEVE_SHARED_INDEX, PRDR_SIEVE_SHARED_LAST, PRDR_SIEVE_SHARED_MIME,
  PRDR_SIEVE_SHARED_ANYCHILD, PRDR_SIEVE_SHARED_MIMEOPT, PRDR_SIEVE_SHARED_PARAM,
};

/* Tags a command gets from its tag families (PRDR_SIEVE_FLAG_MATCH ...). */
typedef struct {
  const char *name;
  guint family;
  const char *capability;
  char param;
  int kind;
  int value;
} PrdrSieveSharedTag;

static const PrdrSieveSharedTag prdr_sieve_shared_tags[] = {
  { "comparator", PRDR_SIEVE_FLAG_MATCH, NULL, 's', PRDR_SIEVE_SHARED_COMPARATOR, 0 },
  { "is", PRDR_SIEVE_FLAG_MATCH, NULL, 0, PRDR_SIEVE_SHARED_MATCH, 0 },
  { "contains", PRDR_SIEVE_FLAG_MATCH, NULL, 0, PRDR_SIEVE_SHARED_MATCH, 0 },
  { "matches", PRDR_SIEVE_FLAG_MATCH, NULL, 0, PRDR_SIEVE_SHARED_MATCH, 0 },
  { "regex", PRDR_SIEVE_FLAG_MATCH, "regex", 0, PRDR_SIEVE_SHARED_MATCH, 0 },
  { "value", PRDR_SIEVE_FLAG_MATCH, "relational", 's', PRDR_SIEVE_SHARED_MATCH, 0 },
  { "count", PRDR_SIEVE_FLAG_MATCH, "relational", 's', PRDR_SIEVE_SHARED_MATCH, 0 },
  { "list", PRDR_SIEVE_FLAG_MATCH, "extlists", 0, PRDR_SIEVE_SHARED_MATCH, 0 },
  { "all", PRDR_SIEVE_FLAG_ADDRPART, NULL, 0, PRDR_SIEVE_SHARED_ADDRPART, PRDR_SIEVE_ADDR_ALL },
  { "localpart", PRDR_SIEVE_FLAG_ADDRPART, NULL, 0, PRDR_SIEVE_SHARED_ADDRPART,
    PRDR_SIEVE_ADDR_LOCALPART },
  { "domain", PRDR_SIEVE_FLAG_ADDRPART, NULL, 0, PRDR_SIEVE_SHARED_ADDRPART,
    PRDR_SIEVE_ADDR_DOMAIN },
  { "user", PRDR_SIEVE_FLAG_ADDRPART, "subaddress", 0, PRDR_SIEVE_SHARED_ADDRPART,
    PRDR_SIEVE_ADDR_USER },
  { "detail", PRDR_SIEVE_FLAG_ADDRPART, "subaddress", 0, PRDR_SIEVE_SHARED_ADDRPART,
    PRDR_SIEVE_ADDR_DETAIL },
  { "index", PRDR_SIEVE_FLAG_INDEX, "index", 'n', PRDR_SIEVE_SHARED_INDEX, 0 },
  { "last", PRDR_SIEVE_FLAG_INDEX, "index", 0, PRDR_SIEVE_SHARED_LAST, 0 },
  { "mime", PRDR_SIEVE_FLAG_MIME, "mime", 0, PRDR_SIEVE_SHARED_MIME, 0 },
  { "anychild", PRDR_SIEVE_FLAG_MIME, "mime", 0, PRDR_SIEVE_SHARED_ANYCHILD, 0 },
  { "type", PRDR_SIEVE_FLAG_MIME, "mime", 0, PRDR_SIEVE_SHARED_MIMEOPT, 1 },
  { "subtype", PRDR_SIEVE_FLAG_MIME, "mime", 0, PRDR_SIEVE_SHARED_MIMEOPT, 2 },
  { "contenttype", PRDR_SIEVE_FLAG_MIME, "mime", 0, PRDR_SIEVE_SHARED_MIMEOPT, 3 },
  { "param", PRDR_SIEVE_FLAG_MIME, "mime", 'l', PRDR_SIEVE_SHARED_PARAM, 4 },
};

static const char *const prdr_sieve_relations[] = { "gt", "ge", "lt", "le", "eq", "ne" };

/* What was seen while reading one node's tags (for conflicts). */
typedef struct {
  gboolean comparator, match, addrpart, index, last, mimeopt;
} PrdrSieveSeen;

void
prdr_sieve_validator_add (PrdrSieveValidator *v, gboolean warning, guint line,
                          guint column, const char *message)
{
  PrdrSieveDiagnostic *d;

  if (!warning && v->errors >= PRDR_SIEVE_MAX_ERRORS)
    return;
  d = g_new0 (PrdrSieveDiagnostic, 1);
  d->warning = warning;
  d->script = g_strdup (v->name);
  d->line = line;
  d->column = column;
  d->message = g_strdup (message);
  d->text = g_strdup_printf ("%s:%u:%u: %s%s", v->name, line, column,
                             warning ? "warning: " : "", message);
  g_ptr_array_add (v->diagnostics, d);
  if (!warning)
    v->errors++;
}

/* prdr_sieve_validator_addv - prdr_sieve_validator_add with a format. */
static void
prdr_sieve_validator_addv (PrdrSieveValidator *v, gboolean warning, guint line,
                           guint column, const char *fmt, va_list ap)
{
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);

  prdr_sieve_validator_add (v, warning, line, column, msg);
}

void
prdr_sieve_validator_error (PrdrSieveValidator *v, guint line, guint column,
                            const char *fmt, ...)
{
  va_list ap;

  va_start (ap, fmt);
  prdr_sieve_validator_addv (v, FALSE, line, column, fmt, ap);
  va_end (ap);
}

void
prdr_sieve_validator_warning (PrdrSieveValidator *v, guint line, guint column,
                              const char *fmt, ...)
{
  va_list ap;

  va_start (ap, fmt);
  prdr_sieve_validator_addv (v, TRUE, line, column, fmt, ap);
  va_end (ap);
}

gboolean
prdr_sieve_validator_has (PrdrSieveValidator *v, const char *capability)
{
  for (guint i = 0; i < v->capabilities->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (v->capabilities, i), capability) == 0)
      return TRUE;
  return FALSE;
}

gboolean
prdr_sieve_validator_variable_declare (PrdrSieveValidator *v, const PrdrSieveArg *arg,
                                       const char *name)
{
  guint max = v->ctx->limits.max_variables;
  g_autofree char *lname = g_ascii_strdown (name, -1);

  if (g_hash_table_contains (v->variables, lname))
    return TRUE;
  if (g_hash_table_size (v->variables) >= max)
    {
      if (!v->variables_full)
        prdr_sieve_validator_error (v, arg->line, arg->column,
                                    "the script declares more than %u variables", max);
      v->variables_full = TRUE;
      return FALSE;
    }
  g_hash_table_add (v->variables, g_steal_pointer (&lname));
  return TRUE;
}

const PrdrSieveContext *
prdr_sieve_validator_context (PrdrSieveValidator *v)
{
  return v->ctx;
}

const PrdrSieveTagUse *
prdr_sieve_node_tag (const PrdrSieveNode *node, int id)
{
  for (guint i = 0; node->tags && i < node->tags->len; i++)
    {
      const PrdrSieveTagUse *use = &g_array_index (node->tags, PrdrSieveTagUse, i);
      if (use->def && use->def->id == id)
        return use;
    }
  return NULL;
}

PrdrSieveArg *
prdr_sieve_node_arg (const PrdrSieveNode *node, guint i)
{
  return i < node->positional->len ? g_ptr_array_index (node->positional, i) : NULL;
}

const char *
prdr_sieve_arg_string (const PrdrSieveArg *arg)
{
  return arg && arg->strings && arg->strings->len ? g_ptr_array_index (arg->strings, 0) : "";
}

/* prdr_sieve_validate_param_type - does @arg fit parameter type @t */
static gboolean
prdr_sieve_validate_param_type (const PrdrSieveArg *arg, char t)
{
  switch (t)
    {
    case 'n': return arg->type == PRDR_SIEVE_ARG_NUMBER;
    case 's': return arg->type == PRDR_SIEVE_ARG_STRING;
    case 'l': return arg->type == PRDR_SIEVE_ARG_STRING
                || arg->type == PRDR_SIEVE_ARG_STRING_LIST;
    default: return FALSE;
    }
}

static const char *
prdr_sieve_param_describe (char t)
{
  return t == 'n' ? "a number" : t == 's' ? "a string" : "a string list";
}

static const char *
prdr_sieve_arg_describe (const PrdrSieveArg *arg)
{
  return arg->type == PRDR_SIEVE_ARG_NUMBER ? "a number"
         : arg->type == PRDR_SIEVE_ARG_STRING ? "a string"
         : arg->type == PRDR_SIEVE_ARG_TAG ? "a tag" : "a string list";
}

static const char *
prdr_sieve_node_kind (const PrdrSieveNode *node)
{
  return node->def->kind == PRDR_SIEVE_TEST ? "test" : "command";
}

/* prdr_sieve_validate_match_tag - :comparator / match type / relation */
static gboolean
prdr_sieve_validate_match_tag (PrdrSieveValidator *v, PrdrSieveNode *node,
                               const char *name, int kind, PrdrSieveArg *param)
{
  if (kind == PRDR_SIEVE_SHARED_COMPARATOR)
    {
      const char *cname = prdr_sieve_arg_string (param);
      const PrdrSieveComparator *cmp = prdr_sieve_comparator_find (cname);
      if (!cmp || (cmp->capability && !prdr_sieve_validator_has (v, cmp->capability)))
        {
          prdr_sieve_validator_error (v, param->line, param->column,
                                      "unknown comparator '%s'%s", cname,
                                      cmp ? " (it must be required)" : "");
          return FALSE;
        }
      node->match.comparator = cmp;
      return TRUE;
    }
  node->match.match_type = prdr_sieve_match_type_find (name);
  if (param)
    {
      const char *rel = prdr_sieve_arg_string (param);
      for (guint i = 0; i < G_N_ELEMENTS (prdr_sieve_relations); i++)
        if (g_ascii_strcasecmp (rel, prdr_sieve_relations[i]) == 0)
          node->match.relation = PRDR_SIEVE_REL_GT + i;
      if (node->match.relation == PRDR_SIEVE_REL_NONE)
        {
          prdr_sieve_validator_error (v, param->line, param->column,
                                      "invalid relational match '%s'", rel);
          return FALSE;
        }
    }
  return TRUE;
}

/* prdr_sieve_validate_shared_tag - apply a tag from a tag family; returns
 * -1 if @name is not one for this node, 0 on error, 1 on success */
static int
prdr_sieve_validate_shared_tag (PrdrSieveValidator *v, PrdrSieveNode *node,
                                PrdrSieveArg *tag, PrdrSieveArg *param,
                                PrdrSieveSeen *seen, guint i)
{
  const PrdrSieveSharedTag *sh = &prdr_sieve_shared_tags[i];
  gboolean *flag = NULL;

  switch (sh->kind)
    {
    case PRDR_SIEVE_SHARED_COMPARATOR: flag = &seen->comparator; break;
    case PRDR_SIEVE_SHARED_MATCH: flag = &seen->match; break;
    case PRDR_SIEVE_SHARED_ADDRPART: flag = &seen->addrpart; break;
    case PRDR_SIEVE_SHARED_INDEX: flag = &seen->index; break;
    case PRDR_SIEVE_SHARED_LAST: flag = &seen->last; break;
    case PRDR_SIEVE_SHARED_MIMEOPT: case PRDR_SIEVE_SHARED_PARAM: flag = &seen->mimeopt; break;
    default: break;
    }
  if (flag && *flag)
    {
      prdr_sieve_validator_error (v, tag->line, tag->column,
                                  "%s: more than one %s argument", node->identifier,
                                  sh->kind == PRDR_SIEVE_SHARED_MATCH ? "match type"
                                  : sh->kind == PRDR_SIEVE_SHARED_ADDRPART ? "address part"
                                  : sh->name);
      return 0;
    }
  if (flag)
    *flag = TRUE;
  switch (sh->kind)
    {
    case PRDR_SIEVE_SHARED_COMPARATOR:
    case PRDR_SIEVE_SHARED_MATCH:
      return prdr_sieve_validate_match_tag (v, node, sh->name, sh->kind, param);
    case PRDR_SIEVE_SHARED_ADDRPART: node->match.address_part = sh->value; break;
    case PRDR_SIEVE_SHARED_INDEX:
      if (param->number == 0)
        {
          /* RFC 5260 section 6: fields are counted from 1 */
          prdr_sieve_validator_error (v, param->line, param->column,
                                      "the :index tag for the %s test cannot be zero",
                                      node->identifier);
          return 0;
        }
      node->match.index = MIN (param->number, G_MAXUINT);
      break;
    case PRDR_SIEVE_SHARED_LAST: node->match.last = TRUE; break;
    case PRDR_SIEVE_SHARED_MIME: node->match.mime = TRUE; break;
    case PRDR_SIEVE_SHARED_ANYCHILD: node->match.anychild = TRUE; break;
    case PRDR_SIEVE_SHARED_PARAM: node->match.mime_params = param; /* fall through */
    case PRDR_SIEVE_SHARED_MIMEOPT: node->match.mime_option = sh->value; break;
    default: break;
    }
  return 1;
}

/* prdr_sieve_validate_find_tag - own tag def, or index into the shared
 * table (*shared), or neither */
static const PrdrSieveTagDef *
prdr_sieve_validate_find_tag (PrdrSieveValidator *v, const PrdrSieveNode *node,
                              const char *name, gint *shared)
{
  const PrdrSieveCommandDef *def = node->def;

  *shared = -1;
  for (const PrdrSieveTagDef *t = def->tags; t && t->name; t++)
    if (g_ascii_strcasecmp (t->name, name) == 0
        && (!t->capability || prdr_sieve_validator_has (v, t->capability)))
      return t;
  for (guint i = 0; i < G_N_ELEMENTS (prdr_sieve_shared_tags); i++)
    if ((def->flags & prdr_sieve_shared_tags[i].family)
        && g_ascii_strcasecmp (prdr_sieve_shared_tags[i].name, name) == 0
        && (!prdr_sieve_shared_tags[i].capability
            || prdr_sieve_validator_has (v, prdr_sieve_shared_tags[i].capability)))
      {
        *shared = i;
        return NULL;
      }
  return NULL;
}

/* prdr_sieve_validate_unknown_tags - every tag of @node, wherever it
 * stands, must be known.  An unknown tag is reported once per command name
 * (later uses still fail the command, silently), as Pigeonhole does. */
static gboolean
prdr_sieve_validate_unknown_tags (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  for (guint i = 0; i < node->args->len; i++)
    {
      PrdrSieveArg *tag = g_ptr_array_index (node->args, i);
      g_autofree char *raw = NULL, *key = NULL;
      gint shared;

      if (tag->type != PRDR_SIEVE_ARG_TAG
          || prdr_sieve_validate_find_tag (v, node, tag->tag, &shared) || shared >= 0)
        continue;
      raw = g_strconcat (node->def->name, ":", tag->tag, NULL);
      key = g_ascii_strdown (raw, -1);
      if (!g_hash_table_contains (v->unknown_tags, key))
        prdr_sieve_validator_error (v, tag->line, tag->column,
                                    "unknown tagged argument ':%s' for the %s %s "
                                    "(reported only once at first occurrence)",
                                    tag->tag, node->identifier, prdr_sieve_node_kind (node));
      g_hash_table_add (v->unknown_tags, g_steal_pointer (&key));
      return FALSE;
    }
  return TRUE;
}

/* prdr_sieve_validate_tags - read the leading (known) tags of @node;
 * returns the index of the first positional argument, or -1 on error */
static gint
prdr_sieve_validate_tags (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  PrdrSieveSeen seen = { 0 };
  guint i = 0;

  node->tags = g_array_new (FALSE, TRUE, sizeof (PrdrSieveTagUse));
  while (i < node->args->len)
    {
      PrdrSieveArg *tag = g_ptr_array_index (node->args, i), *param = NULL;
      gint shared;
      const PrdrSieveTagDef *def;
      char ptype;

      if (tag->type != PRDR_SIEVE_ARG_TAG)
        break;
      def = prdr_sieve_validate_find_tag (v, node, tag->tag, &shared);
      ptype = def ? def->param : prdr_sieve_shared_tags[shared].param;
      i++;
      if (ptype)
        {
          param = i < node->args->len ? g_ptr_array_index (node->args, i) : NULL;
          if (!param || !prdr_sieve_validate_param_type (param, ptype))
            {
              prdr_sieve_validator_error (v, tag->line, tag->column,
                                          "the :%s tag for the %s %s requires %s as parameter, "
                                          "but %s was found", tag->tag, node->identifier,
                                          prdr_sieve_node_kind (node),
                                          prdr_sieve_param_describe (ptype),
                                          param ? prdr_sieve_arg_describe (param) : "none");
              return -1;
            }
          i++;
        }
      if (shared >= 0)
        {
          if (prdr_sieve_validate_shared_tag (v, node, tag, param, &seen, shared) <= 0)
            return -1;
          continue;
        }
      for (guint k = 0; k < node->tags->len; k++)
        {
          const PrdrSieveTagUse *u = &g_array_index (node->tags, PrdrSieveTagUse, k);
          if (u->def == def || (def->group && u->def->group == def->group))
            {
              prdr_sieve_validator_error (v, tag->line, tag->column,
                                          "%s: :%s conflicts with :%s", node->identifier,
                                          def->name, u->def->name);
              return -1;
            }
        }
      PrdrSieveTagUse use = { def, param };
      g_array_append_val (node->tags, use);
    }
  return i;
}

/* prdr_sieve_validate_count - positional arguments from @first: no tag
 * among them, and as many as the signature wants */
static gboolean
prdr_sieve_validate_count (PrdrSieveValidator *v, PrdrSieveNode *node, guint first)
{
  const char *sig = node->def->signature ? node->def->signature : "";
  guint mandatory = strcspn (sig, "|"), total = strlen (sig) - (strchr (sig, '|') != NULL);
  guint count = node->args->len - first;

  for (guint i = first; i < node->args->len; i++)
    {
      PrdrSieveArg *arg = g_ptr_array_index (node->args, i);
      if (arg->type == PRDR_SIEVE_ARG_TAG)
        {
          prdr_sieve_validator_error (v, arg->line, arg->column,
                                      "encountered an unexpected tagged argument ':%s' while "
                                      "validating positional arguments for the %s %s",
                                      arg->tag, node->identifier, prdr_sieve_node_kind (node));
          return FALSE;
        }
    }
  if (count >= mandatory && count <= total)
    return TRUE;
  prdr_sieve_validator_error (v, node->line, node->column,
                              "the %s %s %s %u positional argument(s), but %u is/are specified",
                              node->identifier, prdr_sieve_node_kind (node),
                              mandatory == total ? "requires"
                              : count < mandatory ? "requires at least" : "accepts at most",
                              count < mandatory ? mandatory : total, count);
  return FALSE;
}

/* prdr_sieve_validate_positional - the rest against the signature */
static gboolean
prdr_sieve_validate_positional (PrdrSieveValidator *v, PrdrSieveNode *node, guint first)
{
  const char *sig = node->def->signature ? node->def->signature : "";
  const char *const *names = node->def->arg_names;
  guint i = first;

  node->positional = g_ptr_array_new ();
  if (!prdr_sieve_validate_count (v, node, first))
    return FALSE;
  for (const char *s = sig; *s && i < node->args->len; s++)
    {
      PrdrSieveArg *arg = g_ptr_array_index (node->args, i);
      guint n = node->positional->len;
      if (*s == '|')
        continue;
      if (!prdr_sieve_validate_param_type (arg, *s))
        {
          g_autofree char *name = names ? g_strdup_printf (" (%s)", names[n]) : NULL;
          prdr_sieve_validator_error (v, arg->line, arg->column,
                                      "the %s %s expects %s as argument %u%s, but %s was found",
                                      node->identifier, prdr_sieve_node_kind (node),
                                      prdr_sieve_param_describe (*s), n + 1,
                                      name ? name : "", prdr_sieve_arg_describe (arg));
          return FALSE;
        }
      g_ptr_array_add (node->positional, arg);
      i++;
    }
  return TRUE;
}

/* prdr_sieve_validate_arguments - tags, then positional arguments
 * (RFC 5228 section 2.6.2: tagged arguments come first) */
static gboolean
prdr_sieve_validate_arguments (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  gint first;

  if (!prdr_sieve_validate_unknown_tags (v, node))
    return FALSE;
  first = prdr_sieve_validate_tags (v, node);
  return first >= 0 && prdr_sieve_validate_positional (v, node, first);
}

/* prdr_sieve_validate_spurious_test - a command that takes no test has
 * one: most often a missing ';' or a tag without its ':' */
static void
prdr_sieve_validate_spurious_test (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  const PrdrSieveNode *test = g_ptr_array_index (node->tests, 0);
  const PrdrSieveCommandDef *def = prdr_sieve_command_find (v, test->identifier);
  gint shared;

  if (def && def->kind != PRDR_SIEVE_COMMAND)
    prdr_sieve_validator_error (v, node->line, node->column,
                                "the %s %s accepts no sub-tests, but tests are specified",
                                node->identifier, prdr_sieve_node_kind (node));
  else if (!def && (prdr_sieve_validate_find_tag (v, node, test->identifier, &shared)
                    || shared >= 0))
    prdr_sieve_validator_error (v, node->line, node->column,
                                "missing colon ':' before ':%s' tag in %s %s",
                                test->identifier, node->identifier, prdr_sieve_node_kind (node));
  else
    prdr_sieve_validator_error (v, node->line, node->column, "missing semicolon ';' after %s %s",
                                node->identifier, prdr_sieve_node_kind (node));
}

/* prdr_sieve_validate_shape - tests, then block, as the flags say */
static gboolean
prdr_sieve_validate_shape (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  guint f = node->def->flags;
  guint ntests = node->tests ? node->tests->len : 0;

  if ((f & PRDR_SIEVE_FLAG_TEST) && ntests != 1)
    {
      prdr_sieve_validator_error (v, node->line, node->column, "%s needs exactly one test%s",
                                  node->identifier, ntests ? ", not a test list" : "");
      return FALSE;
    }
  if ((f & PRDR_SIEVE_FLAG_TEST_LIST) && ntests == 0)
    {
      prdr_sieve_validator_error (v, node->line, node->column, "%s needs a list of tests",
                                  node->identifier);
      return FALSE;
    }
  if (!(f & (PRDR_SIEVE_FLAG_TEST | PRDR_SIEVE_FLAG_TEST_LIST)) && ntests)
    {
      prdr_sieve_validate_spurious_test (v, node);
      return FALSE;
    }
  if ((f & PRDR_SIEVE_FLAG_BLOCK) && !node->block)
    {
      prdr_sieve_validator_error (v, node->line, node->column,
                                  "the %s %s requires a command block, but it is missing",
                                  node->identifier, prdr_sieve_node_kind (node));
      return FALSE;
    }
  if (!(f & (PRDR_SIEVE_FLAG_BLOCK | PRDR_SIEVE_FLAG_BLOCK_OPT)) && node->block)
    {
      prdr_sieve_validator_error (v, node->line, node->column,
                                  "the %s %s does not accept a command block, "
                                  "but one is specified anyway",
                                  node->identifier, prdr_sieve_node_kind (node));
      return FALSE;
    }
  return TRUE;
}

/* prdr_sieve_validate_match - defaults and comparator/match compatibility */
static gboolean
prdr_sieve_validate_match (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  const PrdrSieveMatchType *mt;

  if (!node->match.comparator)
    node->match.comparator = &prdr_sieve_comparator_casemap;
  if (!node->match.match_type)
    node->match.match_type = &prdr_sieve_match_is;
  mt = node->match.match_type;
  if (node->match.last && !node->match.index)
    {
      prdr_sieve_validator_error (v, node->line, node->column,
                                  "the :last tag for the %s test cannot be specified "
                                  "without the :index tag", node->identifier);
      return FALSE;
    }
  if ((mt->kind == PRDR_SIEVE_MATCH_CONTAINS || mt->kind == PRDR_SIEVE_MATCH_MATCHES
       || mt->kind == PRDR_SIEVE_MATCH_REGEX) && !node->match.comparator->fold)
    {
      prdr_sieve_validator_error (v, node->line, node->column,
                                  "comparator '%s' does not support the :%s match type",
                                  node->match.comparator->name, mt->name);
      return FALSE;
    }
  return TRUE;
}

/* prdr_sieve_validate_regex - compile constant :regex keys (the key list
 * is the last positional argument of every matching test) */
static gboolean
prdr_sieve_validate_regex (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  PrdrSieveArg *keys;
  gboolean vars = prdr_sieve_validator_has (v, "variables");

  if (!node->match.match_type || node->match.match_type->kind != PRDR_SIEVE_MATCH_REGEX
      || node->positional->len == 0)
    return TRUE;
  keys = g_ptr_array_index (node->positional, node->positional->len - 1);
  node->match.regex = g_ptr_array_new_with_free_func (prdr_sieve_regex_free);
  for (guint i = 0; keys->strings && i < keys->strings->len; i++)
    {
      const char *key = g_ptr_array_index (keys->strings, i);
      g_autofree char *err = NULL;
      gpointer code = NULL;
      if (!(vars && strstr (key, "${")))
        {
          code = prdr_sieve_regex_compile (key, node->match.comparator
                                           == &prdr_sieve_comparator_casemap, &err);
          if (!code)
            {
              prdr_sieve_validator_error (v, keys->line, keys->column,
                                          "invalid regular expression '%s': %s", key, err);
              return FALSE;
            }
        }
      g_ptr_array_add (node->match.regex, code);
    }
  return TRUE;
}

/* prdr_sieve_validate_encoded - encoded-character decoding of string @k
 * of @arg (RFC 5228 section 2.4.2.4) */
static gboolean
prdr_sieve_validate_encoded (PrdrSieveValidator *v, PrdrSieveArg *arg, guint k)
{
  char *s = g_ptr_array_index (arg->strings, k), *bad = NULL;
  GString *str = g_string_new (s);
  gboolean ok = prdr_sieve_encoded_decode (str, &bad);

  if (!ok)
    prdr_sieve_validator_error (v, arg->line, arg->column, "invalid encoded character '%s'",
                                bad);
  g_free (bad);
  g_free (s);
  arg->strings->pdata[k] = g_string_free (str, FALSE);
  return ok;
}

/* prdr_sieve_namespace_known - does a required extension define @ns? */
static gboolean
prdr_sieve_namespace_known (PrdrSieveValidator *v, const char *ns)
{
  for (guint i = 0; i < v->capabilities->len; i++)
    {
      const PrdrSieveExtension *ext =
        prdr_sieve_extension_find (v->ctx, g_ptr_array_index (v->capabilities, i));
      for (const char *const *n = ext ? ext->namespaces : NULL; n && *n; n++)
        if (g_ascii_strcasecmp (*n, ns) == 0)
          return TRUE;
    }
  return FALSE;
}

/* prdr_sieve_validate_namespaces - RFC 5229 section 3: a reference
 * "${ns.name}" to a namespace no required extension defines is an error
 * (anything else between "${" and "}" is literal text) */
static gboolean
prdr_sieve_validate_namespaces (PrdrSieveValidator *v, const PrdrSieveArg *arg, const char *s)
{
  g_autoptr (GRegex) ref = g_regex_new ("\\$\\{([A-Za-z_][A-Za-z0-9_]*)"
                                        "(?:\\.[A-Za-z_][A-Za-z0-9_]*)+\\}", 0, 0, NULL);
  g_autoptr (GMatchInfo) mi = NULL;
  gboolean ok = TRUE;

  g_regex_match (ref, s, 0, &mi);
  for (; g_match_info_matches (mi); g_match_info_next (mi, NULL))
    {
      g_autofree char *ns = g_match_info_fetch (mi, 1);
      if (prdr_sieve_namespace_known (v, ns))
        continue;
      prdr_sieve_validator_error (v, arg->line, arg->column,
                                  "unknown variable namespace '%s'", ns);
      ok = FALSE;
    }
  return ok;
}

/* prdr_sieve_validate_match_refs - RFC 5229 section 6: a reference to a
 * match variable above those supported is a syntax error */
static gboolean
prdr_sieve_validate_match_refs (PrdrSieveValidator *v, const PrdrSieveArg *arg, const char *s)
{
  g_autoptr (GRegex) ref = g_regex_new ("\\$\\{([0-9]+)\\}", 0, 0, NULL);
  g_autoptr (GMatchInfo) mi = NULL;
  gboolean ok = TRUE;

  g_regex_match (ref, s, 0, &mi);
  for (; g_match_info_matches (mi); g_match_info_next (mi, NULL))
    {
      g_autofree char *num = g_match_info_fetch (mi, 1);
      guint64 n = 0;
      if (g_ascii_string_to_unsigned (num, 10, 0, PRDR_SIEVE_MAX_MATCH_VARIABLES - 1, &n, NULL))
        continue;
      prdr_sieve_validator_error (v, arg->line, arg->column,
                                  "match variable ${%s} exceeds the maximum index %d", num,
                                  PRDR_SIEVE_MAX_MATCH_VARIABLES - 1);
      ok = FALSE;
    }
  return ok;
}

/* prdr_sieve_validate_strings - encoded characters, variable namespaces
 * and match variable indexes of every string of @node */
static gboolean
prdr_sieve_validate_strings (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  gboolean encoded = prdr_sieve_validator_has (v, "encoded-character");
  gboolean variables = prdr_sieve_validator_has (v, "variables");
  gboolean ok = TRUE;

  for (guint i = 0; (encoded || variables) && i < node->args->len; i++)
    {
      PrdrSieveArg *arg = g_ptr_array_index (node->args, i);
      for (guint k = 0; arg->strings && k < arg->strings->len; k++)
        {
          if (!strstr (g_ptr_array_index (arg->strings, k), "${"))
            continue;
          if (encoded)
            ok = prdr_sieve_validate_encoded (v, arg, k) && ok;
          if (variables)
            {
              const char *s = g_ptr_array_index (arg->strings, k);
              ok = prdr_sieve_validate_namespaces (v, arg, s) && ok;
              ok = prdr_sieve_validate_match_refs (v, arg, s) && ok;
            }
        }
    }
  return ok;
}

static gboolean prdr_sieve_validate_node (PrdrSieveValidator *v, PrdrSieveNode *node,
                                          gboolean as_test, gboolean top);

static gboolean
prdr_sieve_validate_list (PrdrSieveValidator *v, GPtrArray *nodes, gboolean as_test,
                          gboolean top)
{
  gboolean ok = TRUE;
  const char *prev = NULL;

  for (guint i = 0; nodes && i < nodes->len; i++)
    {
      PrdrSieveNode *node = g_ptr_array_index (nodes, i);
      gboolean is_else = !as_test && (g_ascii_strcasecmp (node->identifier, "elsif") == 0
                                      || g_ascii_strcasecmp (node->identifier, "else") == 0);
      if (is_else && !(prev && (g_ascii_strcasecmp (prev, "if") == 0
                                || g_ascii_strcasecmp (prev, "elsif") == 0)))
        {
          prdr_sieve_validator_error (v, node->line, node->column,
                                      "%s is not preceded by if or elsif", node->identifier);
          ok = FALSE;
        }
      else if (!prdr_sieve_validate_node (v, node, as_test, top))
        ok = FALSE;
      prev = node->identifier;
      if (v->errors >= PRDR_SIEVE_MAX_ERRORS)
        return FALSE;
    }
  return ok;
}

/* prdr_sieve_validate_lookup - find the descriptor; reports an unknown
 * name once per script (later uses fail silently) */
static gboolean
prdr_sieve_validate_lookup (PrdrSieveValidator *v, PrdrSieveNode *node, gboolean as_test)
{
  const char *what = as_test ? "test" : "command";

  node->script = v->name;
  node->def = prdr_sieve_command_find (v, node->identifier);
  if (!node->def)
    {
      char *key = g_ascii_strdown (node->identifier, -1);
      if (!g_hash_table_contains (v->unknown_tags, key))
        prdr_sieve_validator_error (v, node->line, node->column,
                                    "unknown %s '%s'%s (reported only once at first "
                                    "occurrence)", what, node->identifier,
                                    prdr_sieve_capability_known (v->ctx, node->identifier)
                                    ? " (the extension must be required)" : "");
      g_hash_table_add (v->unknown_tags, key);
      return FALSE;
    }
  if (node->def->kind != PRDR_SIEVE_HYBRID
      && (node->def->kind == PRDR_SIEVE_TEST) != as_test)
    {
      prdr_sieve_validator_error (v, node->line, node->column, "attempted to use %s '%s' as %s",
                                  as_test ? "command" : "test", node->identifier, what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
prdr_sieve_validate_block (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  gboolean loop = (node->def->flags & PRDR_SIEVE_FLAG_LOOP) != 0, ok;

  v->loop_depth += loop;
  if (v->loop_depth > PRDR_SIEVE_MAX_LOOP_DEPTH)
    {
      prdr_sieve_validator_error (v, node->line, node->column,
                                  "%s loops are nested deeper than %d", node->identifier,
                                  PRDR_SIEVE_MAX_LOOP_DEPTH);
      v->loop_depth -= loop;
      return FALSE;
    }
  if (loop)
    v->loops[v->loop_depth - 1] = node;
  ok = prdr_sieve_validate_list (v, node->block, FALSE, FALSE);
  v->loop_depth -= loop;
  return ok;
}

/* prdr_sieve_validate_place - require first and at the top (RFC 5228
 * section 3.2); top-level-only commands */
static gboolean
prdr_sieve_validate_place (PrdrSieveValidator *v, PrdrSieveNode *node, gboolean as_test,
                           gboolean top)
{
  gboolean is_require = !as_test && g_ascii_strcasecmp (node->identifier, "require") == 0;

  if (is_require && (!top || v->seen_command))
    {
      prdr_sieve_validator_error (v, node->line, node->column,
                                  "require must be at the top, before any other command");
      return FALSE;
    }
  if (!is_require && !as_test)
    v->seen_command = TRUE;
  if ((node->def->flags & PRDR_SIEVE_FLAG_TOPLEVEL) && !top)
    {
      prdr_sieve_validator_error (v, node->line, node->column,
                                  "%s is allowed only at the top level", node->identifier);
      return FALSE;
    }
  return TRUE;
}

/* prdr_sieve_validate_node - one command or test.  Its arguments and its
 * shape are checked independently; its tests and block are validated even
 * when the node itself failed, so one compile reports every error. */
static gboolean
prdr_sieve_validate_node (PrdrSieveValidator *v, PrdrSieveNode *node, gboolean as_test,
                          gboolean top)
{
  gboolean ok;
  guint f;

  if (!prdr_sieve_validate_lookup (v, node, as_test)
      || !prdr_sieve_validate_place (v, node, as_test, top))
    return FALSE;
  f = node->def->flags;
  ok = prdr_sieve_validate_strings (v, node);
  ok = prdr_sieve_validate_arguments (v, node) && ok;
  ok = prdr_sieve_validate_shape (v, node) && ok;
  ok = ok && prdr_sieve_validate_match (v, node)
       && (!node->def->validate || node->def->validate (v, node))
       && prdr_sieve_validate_regex (v, node);
  if (f & (PRDR_SIEVE_FLAG_TEST | PRDR_SIEVE_FLAG_TEST_LIST))
    ok = prdr_sieve_validate_list (v, node->tests, TRUE, FALSE) && ok;
  /* RFC 5463: a block that a failed ihave guards is not validated; its
   * commands keep no descriptor and never run */
  if (node->block && prdr_sieve_ihave_block_dead (node))
    return ok;
  if (f & (PRDR_SIEVE_FLAG_BLOCK | PRDR_SIEVE_FLAG_BLOCK_OPT))
    ok = prdr_sieve_validate_block (v, node) && ok;
  return ok;
}

/* prdr_sieve_validate - after a clean parse only: a tree with syntax
 * errors is not validated (its holes would be reported again) */
gboolean
prdr_sieve_validate (PrdrSieveValidator *v, GPtrArray *commands)
{
  gboolean ok;

  if (v->errors)
    return FALSE;
  v->unknown_tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  v->variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ok = prdr_sieve_validate_list (v, commands, FALSE, TRUE)
    && prdr_sieve_require_check_needs (v, commands) && v->errors == 0;
  g_clear_pointer (&v->unknown_tags, g_hash_table_unref);
  g_clear_pointer (&v->variables, g_hash_table_unref);
  return ok;
}
