/*
 * ext-date.c - the date and currentdate tests (RFC 5260 sections 4-5)
 * with :index/:last (section 6, shared tags of tst-header.c):
 *   date [:zone z / :originalzone] [COMPARATOR] [MATCH-TYPE] <header> <part> <keys>
 *   currentdate [:zone z] [COMPARATOR] [MATCH-TYPE] <part> <keys>
 *
 * Date parts: year month day date julian hour minute second time iso8601
 * std11 zone weekday.  A header date that cannot be parsed is not a value
 * (the test is false for it).  Without :zone the local time zone is used;
 * currentdate uses PrdrSieveContext.current_time when set.
 */
#include "sieve-private.h"

#include <string.h>
#include "commands.h"

enum { PRDR_SIEVE_DATE_ZONE = 1, PRDR_SIEVE_DATE_ORIGINALZONE };

static const PrdrSieveTagDef prdr_sieve_date_tags[] = {
  { "zone", 's', 1, PRDR_SIEVE_DATE_ZONE, NULL },
  { "originalzone", 0, 1, PRDR_SIEVE_DATE_ORIGINALZONE, NULL },
  { NULL, 0, 0, 0, NULL },
};
static const PrdrSieveTagDef prdr_sieve_currentdate_tags[] = {
  { "zone", 's', 1, PRDR_SIEVE_DATE_ZONE, NULL },
  { NULL, 0, 0, 0, NULL },
};

static const char *const prdr_sieve_date_parts[] = {
  "year", "month", "day", "date", "julian", "hour", "minute", "second", "time",
  "iso8601", "std11", "zone", "weekday",
};

static gboolean
prdr_sieve_date_validate_part (PrdrSieveValidator *v, PrdrSieveArg *arg)
{
  const char *part = prdr_sieve_arg_string (arg);

  for (guint i = 0; i < G_N_ELEMENTS (prdr_sieve_date_parts); i++)
    if (g_ascii_strcasecmp (part, prdr_sieve_date_parts[i]) == 0)
      return TRUE;
  if (strstr (part, "${"))
    return TRUE;
  prdr_sieve_validator_error (v, arg->line, arg->column, "invalid date part '%s'", part);
  return FALSE;
}

static gboolean
prdr_sieve_tst_date_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  return prdr_sieve_date_validate_part (v, prdr_sieve_node_arg (node, 1));
}

static gboolean
prdr_sieve_tst_currentdate_validate (PrdrSieveValidator *v, PrdrSieveNode *node)
{
  return prdr_sieve_date_validate_part (v, prdr_sieve_node_arg (node, 0));
}

static char *
prdr_sieve_date_zone_string (GDateTime *dt)
{
  gint64 off = g_date_time_get_utc_offset (dt) / G_TIME_SPAN_MINUTE;
  return g_strdup_printf ("%c%02d%02d", off < 0 ? '-' : '+', (int) (ABS (off) / 60),
                          (int) (ABS (off) % 60));
}

/* prdr_sieve_date_part - one date part of @dt (RFC 5260 section 4.2) */
static char *
prdr_sieve_date_part (GDateTime *dt, const char *part)
{
  g_autofree char *zone = prdr_sieve_date_zone_string (dt);

  if (!g_ascii_strcasecmp (part, "year")) return g_date_time_format (dt, "%Y");
  if (!g_ascii_strcasecmp (part, "month")) return g_date_time_format (dt, "%m");
  if (!g_ascii_strcasecmp (part, "day")) return g_date_time_format (dt, "%d");
  if (!g_ascii_strcasecmp (part, "date")) return g_date_time_format (dt, "%Y-%m-%d");
  if (!g_ascii_strcasecmp (part, "hour")) return g_date_time_format (dt, "%H");
  if (!g_ascii_strcasecmp (part, "minute")) return g_date_time_format (dt, "%M");
  if (!g_ascii_strcasecmp (part, "second")) return g_date_time_format (dt, "%S");
  if (!g_ascii_strcasecmp (part, "time")) return g_date_time_format (dt, "%H:%M:%S");
  if (!g_ascii_strcasecmp (part, "zone")) return g_steal_pointer (&zone);
  if (!g_ascii_strcasecmp (part, "weekday"))
    return g_strdup_printf ("%d", g_date_time_get_day_of_week (dt) % 7);
  if (!g_ascii_strcasecmp (part, "julian"))
    {
      /* Modified Julian Day: days since 1858-11-17 */
      GDate d;
      g_date_clear (&d, 1);
      g_date_set_dmy (&d, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                      g_date_time_get_year (dt));
      return g_strdup_printf ("%u", g_date_get_julian (&d) - 678576);
    }
  /* RFC 5260 4.2: RFC 3339's date-time, and "a time zone offset of zero
   * MUST be represented by "Z" and not "+00:00"" */
  if (!g_ascii_strcasecmp (part, "iso8601"))
    {
      g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
      if (g_date_time_get_utc_offset (dt) == 0)
        return g_strconcat (base, "Z", NULL);
      return g_strdup_printf ("%s%c%c%c:%c%c", base, zone[0], zone[1], zone[2], zone[3], zone[4]);
    }
  if (!g_ascii_strcasecmp (part, "std11"))
    {
      g_autofree char *base = g_date_time_format (dt, "%a, %d %b %Y %H:%M:%S");
      return g_strdup_printf ("%s %s", base, zone);
    }
  return NULL;
}

/* prdr_sieve_date_zone - apply :zone / local time; NULL on a bad zone */
static GDateTime *
prdr_sieve_date_zone (PrdrSieveRun *run, const PrdrSieveNode *node, GDateTime *dt)
{
  const PrdrSieveTagUse *zone = prdr_sieve_node_tag (node, PRDR_SIEVE_DATE_ZONE);

  if (prdr_sieve_node_tag (node, PRDR_SIEVE_DATE_ORIGINALZONE))
    return g_date_time_ref (dt);
  if (zone)
    {
      g_autofree char *z = prdr_sieve_run_string (run, zone->param);
      g_autoptr (GTimeZone) tz = g_time_zone_new_identifier (z);
      return tz ? g_date_time_to_timezone (dt, tz) : NULL;
    }
  return g_date_time_to_local (dt);
}

static PrdrSieveStatus
prdr_sieve_date_match (PrdrSieveRun *run, const PrdrSieveNode *node, GPtrArray *dates,
                       const PrdrSieveArg *part_arg, const PrdrSieveArg *keys_arg,
                       gboolean *result)
{
  g_autofree char *part = prdr_sieve_run_string (run, part_arg);
  g_autoptr (GPtrArray) keys = prdr_sieve_run_strings (run, keys_arg);
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < dates->len; i++)
    {
      g_autoptr (GDateTime) dt = prdr_sieve_date_zone (run, node, g_ptr_array_index (dates, i));
      char *v = dt ? prdr_sieve_date_part (dt, part) : NULL;
      if (v)
        g_ptr_array_add (values, v);
    }
  return prdr_sieve_run_match (run, node, values, keys, result);
}

static PrdrSieveStatus
prdr_sieve_tst_date_eval (PrdrSieveRun *run, const PrdrSieveNode *node, gboolean *result)
{
  g_autofree char *name = prdr_sieve_run_string (run, prdr_sieve_node_arg (node, 0));
  g_autoptr (GPtrArray) raw = prdr_sieve_test_header_values (run, node, name, FALSE);
  g_autoptr (GPtrArray) dates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);

  for (guint i = 0; i < raw->len; i++)
    {
      const char *v = g_ptr_array_index (raw, i);
      const char *semi = g_ascii_strcasecmp (name, "received") == 0 ? strrchr (v, ';') : NULL;
      GDateTime *dt = g_mime_utils_header_decode_date (semi ? semi + 1 : v);
      if (dt)
        g_ptr_array_add (dates, dt);
    }
  return prdr_sieve_date_match (run, node, dates, prdr_sieve_node_arg (node, 1),
                                prdr_sieve_node_arg (node, 2), result);
}

static PrdrSieveStatus
prdr_sieve_tst_currentdate_eval (PrdrSieveRun *run, const PrdrSieveNode *node,
                                 gboolean *result)
{
  g_autoptr (GPtrArray) dates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  gint64 now = run->ctx->current_time ? run->ctx->current_time : g_get_real_time () / G_USEC_PER_SEC;

  g_ptr_array_add (dates, g_date_time_new_from_unix_utc (now));
  return prdr_sieve_date_match (run, node, dates, prdr_sieve_node_arg (node, 0),
                                prdr_sieve_node_arg (node, 1), result);
}

const PrdrSieveCommandDef prdr_sieve_tst_date = {
  .name = "date", .kind = PRDR_SIEVE_TEST, .signature = "ssl", .tags = prdr_sieve_date_tags,
  .flags = PRDR_SIEVE_FLAG_MATCH | PRDR_SIEVE_FLAG_INDEX,
  .validate = prdr_sieve_tst_date_validate, .eval = prdr_sieve_tst_date_eval,
};
const PrdrSieveCommandDef prdr_sieve_tst_currentdate = {
  .name = "currentdate", .kind = PRDR_SIEVE_TEST, .signature = "sl",
  .tags = prdr_sieve_currentdate_tags, .flags = PRDR_SIEVE_FLAG_MATCH,
  .validate = prdr_sieve_tst_currentdate_validate, .eval = prdr_sieve_tst_currentdate_eval,
};
