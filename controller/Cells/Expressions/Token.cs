namespace ChargeTwin.Cells;

/// <summary>A lexical token; <see cref="Column"/> is 1-based, <see cref="Text"/> the source text (unquoted for strings).</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Column, double Number = 0);
