/*
 * field.c - one folded "Name: value" field (RFC 5322 sections 2.1.1 and
 * 2.2.3, RFC 3464 section 2.1.1).  Folding inserts a line break before white
 * space, so unfolding gives the value back; only a run longer than
 * PRDR_MAIL_LINE_HARD_MAX without white space needs a break inside it.
 */
#include "field.h"

#include <string.h>

#include "limits.h"

/* prdr_mail_field_run - append @n octets at @p, breaking the line whenever
 * it would pass PRDR_MAIL_LINE_HARD_MAX.  @fold is what starts the next
 * line: "\n" inside white space (the rest of the run is the fold's white
 * space), "\n " inside a word. */
static void
prdr_mail_field_run (GString *out, gsize *col, const char *p, gsize n, const char *fold)
{
  while (n > 0) {
    if (*col >= PRDR_MAIL_LINE_HARD_MAX) {
      g_string_append (out, fold);
      *col = strlen (fold) - 1;
    }
    gsize take = MIN (n, PRDR_MAIL_LINE_HARD_MAX - *col);
    g_string_append_len (out, p, (gssize) take);
    *col += take;
    p += take;
    n -= take;
  }
}

void
prdr_mail_field_append (GString *out, const char *name, const char *value)
{
  g_assert (strpbrk (value, "\r\n") == NULL);
  g_string_append_printf (out, "%s:", name);
  gsize name_col = strlen (name) + 1;
  gsize col = name_col;
  const char *p = value;
  gboolean first = TRUE;
  while (*p != '\0') {
    gsize spaces = strspn (p, " \t");
    gsize word = strcspn (p + spaces, " \t");
    if (first && spaces == 0) {
      g_string_append_c (out, ' ');
      col++;
    } else if (spaces > 0 && word > 0 && col > name_col
               && col + spaces + word > PRDR_MAIL_LINE_SOFT_MAX) {
      g_string_append_c (out, '\n');
      col = 0;
    }
    first = FALSE;
    prdr_mail_field_run (out, &col, p, spaces, "\n");
    prdr_mail_field_run (out, &col, p + spaces, word, "\n ");
    p += spaces + word;
  }
  g_string_append_c (out, '\n');
}
