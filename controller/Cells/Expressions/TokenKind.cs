namespace ChargeTwin.Cells;

internal enum TokenKind
{
    Number,
    Name,
    String,
    Plus,
    Minus,
    Star,
    Slash,
    Power,     // ** or ^
    LeftParen,
    RightParen,
    Comma,
    Semicolon,
    Equals,
    End,
}
