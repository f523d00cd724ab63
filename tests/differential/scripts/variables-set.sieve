# RFC 5229 4 set with modifiers and their precedence.
require ["fileinto", "variables"];
set "a" "Hello World";
set :lower "b" "${a}";
set :upper "c" "${a}";
set :upperfirst "d" "hello";
set :lowerfirst "e" "WORLD";
set :length "f" "${a}";
set :quotewildcard "g" "a*b?c\\d";
set :upperfirst :lower "h" "mIXED";
set :lowerfirst :upper "i" "mixed";
set "empty" "";
fileinto "${b}|${c}|${d}|${e}|${f}";
fileinto "${g}|${h}|${i}|${empty}|${undefined}|${A}";
if string :matches "${g}" "a\\*b\\?c*" { fileinto "quoted-ok"; }
