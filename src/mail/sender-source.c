/*
 * sender-source.c - the configured source of an outgoing message's
 * envelope sender (Pigeonhole's *_envelope_from settings); see
 * sender-source.h.
 */
#include "sender-source.h"

#include <string.h>

#include "addr-spec.h"
#include "mail-error.h"

static const struct {
  const char *word;
  PrdrMailSenderKind kind;
} prdr_mail_sender_words[] = {
  { "", PRDR_MAIL_SENDER_DEFAULT },
  { "sender", PRDR_MAIL_SENDER_SENDER },
  { "recipient", PRDR_MAIL_SENDER_RECIPIENT },
  { "orig_recipient", PRDR_MAIL_SENDER_ORIG_RECIPIENT },
  { "user_email", PRDR_MAIL_SENDER_USER },
  { "postmaster", PRDR_MAIL_SENDER_POSTMASTER },
};

gboolean
prdr_mail_sender_source_parse (const char *text, PrdrMailSenderSource *source,
                               GError **error)
{
  g_autofree char *word = g_strstrip (g_strdup (text != NULL ? text : ""));
  gsize len = strlen (word);

  prdr_mail_sender_source_clear (source);
  if (len >= 2 && word[0] == '<' && word[len - 1] == '>') {
    word[len - 1] = '\0';
    if (len > 2 && !prdr_mail_addr_spec_valid (word + 1)) {
      g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                   "envelope sender '%s>' is not an address", word);
      return FALSE;
    }
    source->kind = PRDR_MAIL_SENDER_EXPLICIT;
    source->address = g_strdup (word + 1);
    return TRUE;
  }
  for (gsize i = 0; i < G_N_ELEMENTS (prdr_mail_sender_words); i++)
    if (g_ascii_strcasecmp (word, prdr_mail_sender_words[i].word) == 0) {
      source->kind = prdr_mail_sender_words[i].kind;
      return TRUE;
    }
  g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
               "unknown envelope sender source '%s' (sender, recipient, orig_recipient, "
               "user_email, postmaster or <address>)", word);
  return FALSE;
}

void
prdr_mail_sender_source_clear (PrdrMailSenderSource *source)
{
  g_clear_pointer (&source->address, g_free);
  source->kind = PRDR_MAIL_SENDER_DEFAULT;
}

const char *
prdr_mail_origin_user (const PrdrMailOrigin *origin)
{
  return origin->user_address != NULL && *origin->user_address != '\0'
         ? origin->user_address : origin->recipient;
}

const char *
prdr_mail_sender_source_resolve (const PrdrMailSenderSource *source,
                                 const PrdrMailOrigin *origin)
{
  switch (source != NULL ? source->kind : PRDR_MAIL_SENDER_DEFAULT) {
  case PRDR_MAIL_SENDER_SENDER:
    return origin->sender;
  case PRDR_MAIL_SENDER_RECIPIENT:
    return origin->recipient;
  case PRDR_MAIL_SENDER_ORIG_RECIPIENT:
    return origin->orig_recipient != NULL ? origin->orig_recipient : origin->recipient;
  case PRDR_MAIL_SENDER_USER:
    return prdr_mail_origin_user (origin);
  case PRDR_MAIL_SENDER_POSTMASTER:
    return origin->postmaster;
  case PRDR_MAIL_SENDER_EXPLICIT:
    return source->address;
  default:
    return NULL;
  }
}
