# RFC 5228 5.5 exists, 5.9 size with quantifiers.
require "fileinto";
if exists "From" { fileinto "has-from"; }
if exists ["From", "Date", "Message-ID"] { fileinto "has-all-three"; }
if not exists "X-Nothing" { fileinto "no-x-nothing"; }
if exists "x-empty" { fileinto "has-empty"; }
if size :over 100 { fileinto "over-100"; }
if size :under 1K { fileinto "under-1k"; }
if size :over 1K { fileinto "over-1k"; }
if size :under 1M { fileinto "under-1m"; }
if size :over 0 { fileinto "over-0"; }
if size :under 500 { fileinto "under-500"; }
