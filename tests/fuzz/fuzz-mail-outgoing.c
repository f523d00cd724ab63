/*
 * fuzz-mail-outgoing.c - libFuzzer target for what src/mail builds for
 * Sieve's redirect and notify actions: the mailto URI parser (mailto.c),
 * the notification (notify-mailto.c) and the redirected copy (redirect.c).
 *
 * Input: the first line is a mailto URI (also used as a redirect target
 * after "mailto:"), the rest a message.  Properties beyond ASan/UBSan:
 * every recipient of a parsed URI is a valid addr-spec; every
 * built message serializes with no bare CR in its header, a notification's
 * From is the :from given and it has no Bcc whatever the URI says, and
 * every envelope address is empty or a valid addr-spec path.
 */
#include <string.h>

#include "mail/addr-spec.h"
#include "mail/gmime-autoptr.h"
#include "mail/mailto.h"
#include "mail/notify-mailto.h"
#include "mail/redirect.h"

static void
fuzz_check_outgoing (const PrdrMailOutgoing *out)
{
  if (*out->sender != '\0' && !prdr_mail_addr_spec_valid (out->sender))
    __builtin_trap ();
  for (guint i = 0; i < out->recipients->len; i++)
    if (!prdr_mail_addr_spec_valid (out->recipients->pdata[i]))
      __builtin_trap ();
  g_autofree char *text = g_mime_object_to_string (GMIME_OBJECT (out->message), NULL);
  const char *end = strstr (text, "\n\n");
  for (const char *p = text; end != NULL && p < end; p++)
    if (*p == '\r' && p[1] != '\n')
      __builtin_trap ();
}

static void
fuzz_notify (const char *uri, GMimeStream *stream)
{
  g_autoptr (PrdrMailMailto) m = prdr_mail_mailto_parse (uri, NULL);
  GPtrArray *lists[] = { m != NULL ? m->to : NULL, m != NULL ? m->cc : NULL };
  for (gsize l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && i < lists[l]->len; i++)
      if (!prdr_mail_addr_spec_valid (((PrdrMailMailtoAddress *) lists[l]->pdata[i])->address))
        __builtin_trap ();
  g_mime_stream_reset (stream);
  g_autoptr (GMimeParser) parser = g_mime_parser_new_with_stream (stream);
  g_autoptr (GMimeMessage) original = g_mime_parser_construct_message (parser, NULL);
  PrdrMailOrigin origin = { "s@example.org", "r@example.net", NULL, NULL, "pm@example.net" };
  PrdrMailNotify n = { &origin, NULL, "mx.example.net", uri, "F <f@example.org>", NULL, 1 };
  g_autoptr (PrdrMailOutgoing) out = prdr_mail_notify_mailto_build (&n, original, NULL, NULL);
  if (out == NULL)
    return;
  fuzz_check_outgoing (out);
  GMimeObject *top = GMIME_OBJECT (out->message);
  if (g_strcmp0 (g_mime_object_get_header (top, "From"), "F <f@example.org>") != 0
      || g_mime_object_get_header (top, "Bcc") != NULL)
    __builtin_trap ();
}

static void
fuzz_redirect (const char *target, GMimeStream *stream)
{
  PrdrMailOrigin origin = { "s@example.org", "r@example.net", NULL, NULL, NULL };
  PrdrMailRedirect r = { &origin, NULL, target };
  g_autoptr (PrdrMailOutgoing) out = prdr_mail_redirect_build (&r, stream, NULL);
  if (out != NULL)
    fuzz_check_outgoing (out);
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  static gboolean initialized;
  if (!initialized) {
    g_mime_init ();
    initialized = TRUE;
  }
  const guint8 *nl = memchr (data, '\n', size);
  gsize uri_len = nl != NULL ? (gsize) (nl - data) : size;
  g_autofree char *uri = g_strndup ((const char *) data, uri_len);
  gsize rest = nl != NULL ? size - uri_len - 1 : 0;
  g_autoptr (GMimeStream) stream = g_mime_stream_mem_new_with_buffer (
      nl != NULL ? (const char *) nl + 1 : "", rest);
  fuzz_notify (uri, stream);
  fuzz_redirect (g_str_has_prefix (uri, "mailto:") ? uri + 7 : uri, stream);
  return 0;
}
