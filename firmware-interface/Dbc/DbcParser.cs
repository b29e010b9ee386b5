using System.Globalization;

namespace ChargeTwin.FirmwareInterface.Dbc;

/// <summary>
/// A small, strict reader of the DBC subset this project uses: VERSION, NS_, BS_, BU_, VAL_TABLE_,
/// BO_ with SG_ (Intel and Motorola, signed and unsigned, factor/offset, min/max, unit, receivers),
/// CM_, BA_DEF_, BA_DEF_DEF_, BA_ and VAL_. Multiplexed signals, float signals (SIG_VALTYPE_) and
/// CAN FD lengths are rejected with a clear message rather than half-understood. Every error is a
/// <see cref="DbcFormatException"/> whose message is one line: <c>file:line: what is wrong</c>.
/// </summary>
public static class DbcParser
{
    /// <summary>Reads and parses a DBC file; a missing or unreadable file is reported the same way as a malformed one.</summary>
    public static DbcDatabase ParseFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DbcFormatException(path, 0, $"cannot read the file: {e.Message}");
        }

        return Parse(text, path);
    }

    /// <summary>Parses DBC text; <paramref name="fileName"/> is only used in error messages.</summary>
    public static DbcDatabase Parse(string text, string fileName) => new DbcReader(text, fileName).Read();

    /// <summary>Parses DBC text and returns the one-line error instead of throwing.</summary>
    public static bool TryParse(string text, string fileName, out DbcDatabase? database, out string? error)
    {
        try
        {
            database = Parse(text, fileName);
            error = null;
            return true;
        }
        catch (DbcFormatException e)
        {
            database = null;
            error = e.Message;
            return false;
        }
    }
}

/// <summary>The parser's state over one file's tokens.</summary>
internal sealed class DbcReader
{
    private const string NoNode = "Vector__XXX";

    // Statements that carry nothing the codec needs and are skipped to their ';'.
    private static readonly HashSet<string> s_skippedStatements =
        ["BO_TX_BU_", "SIG_GROUP_", "EV_", "ENVVAR_DATA_", "BA_DEF_REL_", "BA_REL_", "BA_DEF_DEF_REL_", "SGTYPE_", "SIG_TYPE_REF_"];

    private readonly string _fileName;
    private readonly List<DbcToken> _tokens;
    private readonly List<DbcMessage> _messages = [];
    private readonly Dictionary<string, DbcAttributeDefinition> _attributeDefinitions = new(StringComparer.Ordinal);
    private readonly Dictionary<(DbcObjectKind Kind, string Object), Dictionary<string, string>> _attributeValues = [];
    private readonly Dictionary<DbcSignal, Dictionary<long, string>> _valueDescriptions = [];
    private readonly List<string> _nodes = [];
    private int _pos;
    private string _version = string.Empty;
    private string _networkComment = string.Empty;
    private DbcMessage? _currentMessage;

    public DbcReader(string text, string fileName)
    {
        _fileName = fileName;
        _tokens = DbcTokenizer.Tokenize(text, fileName);
    }

    private DbcToken Peek => _tokens[_pos];

    public DbcDatabase Read()
    {
        while (Peek.Kind != DbcTokenKind.End)
        {
            DbcToken t = Next();
            if (t.Kind != DbcTokenKind.Identifier)
            {
                throw Error(t, $"expected a keyword (BO_, SG_, CM_, ...), found {t}");
            }

            if (t.Text != "SG_")
            {
                _currentMessage = null;
            }

            switch (t.Text)
            {
                case "VERSION": _version = ExpectString("VERSION text").Text; break;
                case "NS_": ReadNewSymbols(t); break;
                case "BS_": ReadBitTiming(t); break;
                case "BU_": ReadNodes(t); break;
                case "VAL_TABLE_": ReadValueTable(); break;
                case "BO_": ReadMessage(t); break;
                case "SG_": ReadSignal(t); break;
                case "CM_": ReadComment(); break;
                case "BA_DEF_": ReadAttributeDefinition(); break;
                case "BA_DEF_DEF_": ReadAttributeDefault(); break;
                case "BA_": ReadAttributeValue(); break;
                case "VAL_": ReadValueDescriptions(); break;
                case "SIG_VALTYPE_": throw Error(t, "SIG_VALTYPE_ (IEEE float signals) is not supported; use integer signals with a factor");
                case "SG_MUL_VAL_": throw Error(t, "SG_MUL_VAL_ (extended multiplexing) is not supported");
                default:
                    if (s_skippedStatements.Contains(t.Text))
                    {
                        SkipToSemicolon(t);
                        break;
                    }

                    throw Error(t, $"unknown keyword '{t.Text}'");
            }
        }

        return Build();
    }

    private void ReadNewSymbols(DbcToken keyword)
    {
        ExpectPunct(':', "after NS_");
        // The symbol list is the indented identifiers that follow.
        while (Peek.Kind == DbcTokenKind.Identifier && Peek.Column > 1 && Peek.Line > keyword.Line)
        {
            _pos++;
        }
    }

    private void ReadBitTiming(DbcToken keyword)
    {
        ExpectPunct(':', "after BS_");
        while (Peek.Kind != DbcTokenKind.End && Peek.Line == keyword.Line)
        {
            _pos++;
        }
    }

    private void ReadNodes(DbcToken keyword)
    {
        ExpectPunct(':', "after BU_");
        while (Peek.Kind == DbcTokenKind.Identifier && Peek.Line == keyword.Line)
        {
            DbcToken node = Next();
            if (_nodes.Contains(node.Text))
            {
                throw Error(node, $"BU_: node '{node.Text}' is listed twice");
            }

            _nodes.Add(node.Text);
        }
    }

    private void ReadValueTable()
    {
        ExpectIdentifier("value table name");
        while (!IsPunct(Peek, ';'))
        {
            ExpectInteger("value in VAL_TABLE_");
            ExpectString("value description in VAL_TABLE_");
        }

        _pos++;
    }

    private void ReadMessage(DbcToken keyword)
    {
        DbcToken idToken = ExpectInteger("message id after BO_");
        ulong rawId = ParseUnsigned(idToken, "message id");
        bool extended = (rawId & 0x8000_0000UL) != 0;
        uint id = (uint)(rawId & 0x7FFF_FFFF);
        string name = ExpectIdentifier("message name after the id").Text;
        ExpectPunct(':', $"after message name '{name}'");
        DbcToken dlcToken = ExpectInteger($"DLC of message {name}");
        long dlc = (long)ParseDouble(dlcToken, "DLC");
        string transmitter = ExpectIdentifier($"transmitter of message {name}").Text;

        if (rawId > 0xFFFF_FFFFUL || (extended && id > 0x1FFF_FFFF) || (!extended && id > 0x7FF))
        {
            throw Error(idToken, extended
                ? $"BO_ {name}: extended id 0x{id:X} is larger than 29 bits"
                : $"BO_ {name}: id {id} (0x{id:X}) is larger than 11 bits; set bit 31 (add 2147483648) for an extended id");
        }

        if (dlc is < 0 or > 8)
        {
            throw Error(dlcToken, $"BO_ {name}: DLC {dlc} is outside 0..8 (classic CAN; CAN FD lengths are not supported)");
        }

        if (_messages.Any(m => m.Name == name))
        {
            throw Error(keyword, $"BO_ {name}: message name is already used");
        }

        DbcMessage? clash = _messages.FirstOrDefault(m => m.Id == id && m.IsExtended == extended);
        if (clash is not null)
        {
            throw Error(keyword, $"BO_ {name}: id 0x{id:X} is already used by {clash.Name} (line {clash.Line})");
        }

        var message = new DbcMessage(id, extended, name, (int)dlc, transmitter, keyword.Line) { Index = _messages.Count };
        _messages.Add(message);
        _currentMessage = message;
    }

    private void ReadSignal(DbcToken keyword)
    {
        DbcMessage message = _currentMessage ?? throw Error(keyword, "SG_ outside a BO_ (a signal must follow its message)");
        _currentMessage = message;
        string name = ExpectIdentifier("signal name after SG_").Text;
        if (Peek.Kind == DbcTokenKind.Identifier)
        {
            throw Error(Peek, $"SG_ {name}: multiplexed signals ('{Peek.Text}') are not supported");
        }

        ExpectPunct(':', $"after signal name '{name}'");
        DbcToken startToken = ExpectInteger($"start bit of {name}");
        ExpectPunct('|', $"between start bit and length of {name}");
        DbcToken lengthToken = ExpectInteger($"length of {name}");
        ExpectPunct('@', $"before the byte order of {name}");
        DbcToken orderToken = ExpectInteger($"byte order (0 or 1) of {name}");
        DbcToken signToken = Next();
        if (!IsPunct(signToken, '+') && !IsPunct(signToken, '-'))
        {
            throw Error(signToken, $"SG_ {name}: expected '+' (unsigned) or '-' (signed) after the byte order, found {signToken}");
        }

        ExpectPunct('(', $"before the factor of {name}");
        DbcToken factorToken = ExpectNumber($"factor of {name}");
        ExpectPunct(',', $"between factor and offset of {name}");
        DbcToken offsetToken = ExpectNumber($"offset of {name}");
        ExpectPunct(')', $"after the offset of {name}");
        ExpectPunct('[', $"before the minimum of {name}");
        DbcToken minToken = ExpectNumber($"minimum of {name}");
        ExpectPunct('|', $"between minimum and maximum of {name}");
        DbcToken maxToken = ExpectNumber($"maximum of {name}");
        ExpectPunct(']', $"after the maximum of {name}");
        string unit = ExpectString($"unit of {name}").Text;
        var receivers = new List<string>();
        while (Peek.Kind == DbcTokenKind.Identifier && Peek.Line == keyword.Line)
        {
            receivers.Add(Next().Text);
            if (IsPunct(Peek, ',') && Peek.Line == keyword.Line)
            {
                _pos++;
            }
        }

        int start = (int)ParseDouble(startToken, "start bit");
        int length = (int)ParseDouble(lengthToken, "length");
        int order = (int)ParseDouble(orderToken, "byte order");
        double factor = ParseDouble(factorToken, "factor");
        double offset = ParseDouble(offsetToken, "offset");
        double min = ParseDouble(minToken, "minimum");
        double max = ParseDouble(maxToken, "maximum");
        string where = $"SG_ {name} of {message.Name}";

        if (order is not (0 or 1))
        {
            throw Error(orderToken, $"{where}: byte order must be 0 (Motorola) or 1 (Intel), found {order}");
        }

        if (length is < 1 or > 64)
        {
            throw Error(lengthToken, $"{where}: length {length} is outside 1..64");
        }

        if (start is < 0 or > 63)
        {
            throw Error(startToken, $"{where}: start bit {start} is outside 0..63");
        }

        if (factor == 0)
        {
            throw Error(factorToken, $"{where}: factor must not be 0");
        }

        if (min > max)
        {
            throw Error(minToken, $"{where}: minimum {Fmt(min)} is larger than maximum {Fmt(max)}");
        }

        var byteOrder = order == 1 ? DbcByteOrder.LittleEndian : DbcByteOrder.BigEndian;
        if (byteOrder == DbcByteOrder.LittleEndian && start + length > message.Dlc * 8)
        {
            throw Error(startToken, $"{where}: bits {start}..{start + length - 1} do not fit in DLC {message.Dlc} ({message.Dlc * 8} bits)");
        }

        if (byteOrder == DbcByteOrder.BigEndian)
        {
            int msb = DbcSignal.MotorolaMsbPosition(start);
            int lsb = msb - length + 1;
            if (lsb < 0 || 7 - (lsb / 8) >= message.Dlc)
            {
                throw Error(startToken, $"{where}: Motorola signal of {length} bits from start bit {start} runs past DLC {message.Dlc}");
            }
        }

        if (message.SignalList.Any(s => s.Name == name))
        {
            throw Error(keyword, $"{where}: signal name is used twice in the message");
        }

        var signal = new DbcSignal(name, start, length, byteOrder, IsPunct(signToken, '-'), factor, offset, min, max, unit, receivers, keyword.Line);
        if (min < max)
        {
            double rawLow = Math.Min(signal.ToPhysical(signal.RawMinimum), signal.ToPhysical(signal.RawMaximum));
            double rawHigh = Math.Max(signal.ToPhysical(signal.RawMinimum), signal.ToPhysical(signal.RawMaximum));
            double tolerance = Math.Abs(factor) * 0.5;
            if (min < rawLow - tolerance || max > rawHigh + tolerance)
            {
                throw Error(minToken, $"{where}: range [{Fmt(min)}|{Fmt(max)}] does not fit the {length}-bit {(signal.IsSigned ? "signed" : "unsigned")} field ([{Fmt(rawLow)}|{Fmt(rawHigh)}] with this factor and offset)");
            }
        }

        ulong bits = PayloadBits(signal);
        foreach (DbcSignal other in message.SignalList)
        {
            if ((PayloadBits(other) & bits) != 0)
            {
                throw Error(keyword, $"{where}: bits overlap signal {other.Name} (line {other.Line})");
            }
        }

        message.SignalList.Add(signal);
    }

    private void ReadComment()
    {
        DbcToken t = Next();
        if (t.Kind == DbcTokenKind.String)
        {
            _networkComment = t.Text;
        }
        else if (t is { Kind: DbcTokenKind.Identifier, Text: "BU_" })
        {
            DbcToken node = ExpectIdentifier("node name after CM_ BU_");
            RequireNode(node);
            ExpectString("comment text");
        }
        else if (t is { Kind: DbcTokenKind.Identifier, Text: "BO_" })
        {
            DbcMessage m = ExpectMessageReference("CM_ BO_");
            m.Comment = ExpectString("comment text").Text;
        }
        else if (t is { Kind: DbcTokenKind.Identifier, Text: "SG_" })
        {
            DbcMessage m = ExpectMessageReference("CM_ SG_");
            DbcSignal s = ExpectSignalReference(m, "CM_ SG_");
            s.Comment = ExpectString("comment text").Text;
        }
        else if (t is { Kind: DbcTokenKind.Identifier, Text: "EV_" })
        {
            ExpectIdentifier("environment variable name");
            ExpectString("comment text");
        }
        else
        {
            throw Error(t, $"CM_: expected a string or BU_/BO_/SG_/EV_, found {t}");
        }

        ExpectPunct(';', "at the end of CM_");
    }

    private void ReadAttributeDefinition()
    {
        DbcObjectKind kind = DbcObjectKind.Network;
        if (Peek.Kind == DbcTokenKind.Identifier)
        {
            DbcToken k = Next();
            kind = k.Text switch
            {
                "BU_" => DbcObjectKind.Node,
                "BO_" => DbcObjectKind.Message,
                "SG_" => DbcObjectKind.Signal,
                _ => throw Error(k, $"BA_DEF_: object type must be BU_, BO_ or SG_ (or none for the network), found '{k.Text}'"),
            };
        }

        DbcToken nameToken = ExpectString("attribute name in BA_DEF_");
        DbcToken typeToken = ExpectIdentifier($"type of attribute \"{nameToken.Text}\"");
        double min = 0, max = 0;
        var enumValues = new List<string>();
        DbcAttributeType type;
        switch (typeToken.Text)
        {
            case "INT":
            case "HEX":
            case "FLOAT":
                type = typeToken.Text == "FLOAT" ? DbcAttributeType.Float : typeToken.Text == "HEX" ? DbcAttributeType.Hex : DbcAttributeType.Int;
                min = ParseDouble(ExpectNumber("attribute minimum"), "attribute minimum");
                max = ParseDouble(ExpectNumber("attribute maximum"), "attribute maximum");
                break;
            case "STRING":
                type = DbcAttributeType.String;
                break;
            case "ENUM":
                type = DbcAttributeType.Enum;
                enumValues.Add(ExpectString("first ENUM value").Text);
                while (IsPunct(Peek, ','))
                {
                    _pos++;
                    enumValues.Add(ExpectString("ENUM value").Text);
                }

                break;
            default:
                throw Error(typeToken, $"BA_DEF_ \"{nameToken.Text}\": type must be INT, HEX, FLOAT, STRING or ENUM, found '{typeToken.Text}'");
        }

        ExpectPunct(';', "at the end of BA_DEF_");
        if (_attributeDefinitions.ContainsKey(nameToken.Text))
        {
            throw Error(nameToken, $"BA_DEF_ \"{nameToken.Text}\" is defined twice");
        }

        _attributeDefinitions[nameToken.Text] = new DbcAttributeDefinition(nameToken.Text, kind, type, min, max, enumValues);
    }

    private void ReadAttributeDefault()
    {
        DbcToken nameToken = ExpectString("attribute name in BA_DEF_DEF_");
        DbcAttributeDefinition def = RequireAttribute(nameToken);
        DbcToken value = Next();
        def.DefaultValue = CheckAttributeValue(def, value, isDefault: true);
        ExpectPunct(';', "at the end of BA_DEF_DEF_");
    }

    private void ReadAttributeValue()
    {
        DbcToken nameToken = ExpectString("attribute name in BA_");
        DbcAttributeDefinition def = RequireAttribute(nameToken);
        (DbcObjectKind Kind, string Object) target;
        if (Peek is { Kind: DbcTokenKind.Identifier, Text: "BU_" })
        {
            _pos++;
            DbcToken node = ExpectIdentifier("node name");
            RequireNode(node);
            target = (DbcObjectKind.Node, node.Text);
        }
        else if (Peek is { Kind: DbcTokenKind.Identifier, Text: "BO_" })
        {
            _pos++;
            DbcMessage m = ExpectMessageReference("BA_ BO_");
            target = (DbcObjectKind.Message, m.Name);
        }
        else if (Peek is { Kind: DbcTokenKind.Identifier, Text: "SG_" })
        {
            _pos++;
            DbcMessage m = ExpectMessageReference("BA_ SG_");
            DbcSignal s = ExpectSignalReference(m, "BA_ SG_");
            target = (DbcObjectKind.Signal, m.Name + "." + s.Name);
        }
        else
        {
            target = (DbcObjectKind.Network, string.Empty);
        }

        if (def.AppliesTo != target.Kind)
        {
            throw Error(nameToken, $"BA_ \"{def.Name}\": attribute is defined for {def.AppliesTo}, used on {target.Kind}");
        }

        DbcToken value = Next();
        string text = CheckAttributeValue(def, value, isDefault: false);
        ExpectPunct(';', "at the end of BA_");
        if (!_attributeValues.TryGetValue(target, out Dictionary<string, string>? values))
        {
            values = new Dictionary<string, string>(StringComparer.Ordinal);
            _attributeValues[target] = values;
        }

        values[def.Name] = text;
    }

    private void ReadValueDescriptions()
    {
        DbcMessage m = ExpectMessageReference("VAL_");
        DbcSignal s = ExpectSignalReference(m, "VAL_");
        var descriptions = new Dictionary<long, string>();
        while (!IsPunct(Peek, ';'))
        {
            DbcToken v = ExpectInteger($"raw value in VAL_ of {s.Name}");
            long raw = (long)ParseDouble(v, "value");
            if (raw < s.RawMinimum || raw > s.RawMaximum)
            {
                throw Error(v, $"VAL_ {m.Name}.{s.Name}: value {raw} does not fit the {s.Length}-bit field");
            }

            string text = ExpectString($"description of value {raw}").Text;
            if (!descriptions.TryAdd(raw, text))
            {
                throw Error(v, $"VAL_ {m.Name}.{s.Name}: value {raw} is described twice");
            }
        }

        _pos++;
        _valueDescriptions[s] = descriptions;
    }

    private DbcDatabase Build()
    {
        foreach (DbcMessage m in _messages)
        {
            if (m.Transmitter != NoNode && !_nodes.Contains(m.Transmitter))
            {
                throw new DbcFormatException(_fileName, m.Line, $"BO_ {m.Name}: transmitter '{m.Transmitter}' is not a node in BU_");
            }

            foreach (DbcSignal s in m.SignalList)
            {
                foreach (string r in s.Receivers)
                {
                    if (r != NoNode && !_nodes.Contains(r))
                    {
                        throw new DbcFormatException(_fileName, s.Line, $"SG_ {s.Name} of {m.Name}: receiver '{r}' is not a node in BU_");
                    }
                }

                if (_valueDescriptions.TryGetValue(s, out Dictionary<long, string>? d))
                {
                    s.ValueDescriptions = d;
                }

                if (_attributeValues.TryGetValue((DbcObjectKind.Signal, m.Name + "." + s.Name), out Dictionary<string, string>? sa))
                {
                    s.Attributes = sa;
                }
            }

            if (_attributeValues.TryGetValue((DbcObjectKind.Message, m.Name), out Dictionary<string, string>? ma))
            {
                m.Attributes = ma;
            }
        }

        return new DbcDatabase(_fileName, _version, _nodes, _messages, _attributeDefinitions, _networkComment);
    }

    private string CheckAttributeValue(DbcAttributeDefinition def, DbcToken value, bool isDefault)
    {
        string where = isDefault ? $"BA_DEF_DEF_ \"{def.Name}\"" : $"BA_ \"{def.Name}\"";
        switch (def.Type)
        {
            case DbcAttributeType.String:
                if (value.Kind != DbcTokenKind.String)
                {
                    throw Error(value, $"{where}: expected a string value, found {value}");
                }

                return value.Text;
            case DbcAttributeType.Enum:
                if (value.Kind == DbcTokenKind.String && def.EnumValues.Contains(value.Text))
                {
                    return value.Text;
                }

                if (value.Kind == DbcTokenKind.Number && DbcTokenizer.TryParseNumber(value.Text, out double index)
                    && index == Math.Floor(index) && index >= 0 && index < def.EnumValues.Count)
                {
                    return def.EnumValues[(int)index];
                }

                throw Error(value, $"{where}: {value} is not one of {string.Join(", ", def.EnumValues.Select(v => '"' + v + '"'))} (or their index 0..{def.EnumValues.Count - 1})");
            default:
                if (value.Kind != DbcTokenKind.Number || !DbcTokenizer.TryParseNumber(value.Text, out double number))
                {
                    throw Error(value, $"{where}: expected a number, found {value}");
                }

                if (def.Type != DbcAttributeType.Float && number != Math.Floor(number))
                {
                    throw Error(value, $"{where}: expected an integer, found {value.Text}");
                }

                if (def.Minimum < def.Maximum && (number < def.Minimum || number > def.Maximum))
                {
                    throw Error(value, $"{where}: {value.Text} is outside {Fmt(def.Minimum)}..{Fmt(def.Maximum)}");
                }

                return number.ToString("R", CultureInfo.InvariantCulture);
        }
    }

    private static ulong PayloadBits(DbcSignal s)
    {
        // One bit per payload bit, numbered byte*8 + bit-in-byte, whatever the byte order.
        ulong bits = 0;
        for (int i = 0; i < s.Length; i++)
        {
            int p = s.WordShift + i;
            int payloadBit = s.ByteOrder == DbcByteOrder.LittleEndian ? p : ((7 - (p / 8)) * 8) + (p % 8);
            bits |= 1UL << payloadBit;
        }

        return bits;
    }

    private DbcMessage ExpectMessageReference(string context)
    {
        DbcToken idToken = ExpectInteger($"message id in {context}");
        ulong rawId = ParseUnsigned(idToken, "message id");
        bool extended = (rawId & 0x8000_0000UL) != 0;
        uint id = (uint)(rawId & 0x7FFF_FFFF);
        return _messages.FirstOrDefault(m => m.Id == id && m.IsExtended == extended)
            ?? throw Error(idToken, $"{context}: no message with id {idToken.Text} (0x{id:X})");
    }

    private DbcSignal ExpectSignalReference(DbcMessage m, string context)
    {
        DbcToken sig = ExpectIdentifier($"signal name in {context}");
        return m.FindSignal(sig.Text) ?? throw Error(sig, $"{context}: message {m.Name} has no signal '{sig.Text}'");
    }

    private DbcAttributeDefinition RequireAttribute(DbcToken name)
        => _attributeDefinitions.TryGetValue(name.Text, out DbcAttributeDefinition? d) ? d
            : throw Error(name, $"attribute \"{name.Text}\" is used before its BA_DEF_");

    private void RequireNode(DbcToken node)
    {
        if (!_nodes.Contains(node.Text))
        {
            throw Error(node, $"node '{node.Text}' is not in BU_");
        }
    }

    private void SkipToSemicolon(DbcToken keyword)
    {
        while (!IsPunct(Peek, ';'))
        {
            if (Peek.Kind == DbcTokenKind.End)
            {
                throw Error(keyword, $"{keyword.Text} has no closing ';'");
            }

            _pos++;
        }

        _pos++;
    }

    private DbcToken Next()
    {
        DbcToken t = _tokens[_pos];
        if (t.Kind != DbcTokenKind.End)
        {
            _pos++;
        }

        return t;
    }

    private DbcToken ExpectIdentifier(string what) => Expect(DbcTokenKind.Identifier, what);

    private DbcToken ExpectString(string what) => Expect(DbcTokenKind.String, what);

    private DbcToken ExpectNumber(string what)
    {
        DbcToken t = Expect(DbcTokenKind.Number, what);
        if (!DbcTokenizer.TryParseNumber(t.Text, out _))
        {
            throw Error(t, $"'{t.Text}' is not a number ({what})");
        }

        return t;
    }

    private DbcToken ExpectInteger(string what)
    {
        DbcToken t = ExpectNumber(what);
        DbcTokenizer.TryParseNumber(t.Text, out double v);
        if (v != Math.Floor(v))
        {
            throw Error(t, $"expected an integer for the {what}, found '{t.Text}'");
        }

        return t;
    }

    private DbcToken Expect(DbcTokenKind kind, string what)
    {
        DbcToken t = Next();
        if (t.Kind != kind)
        {
            string expected = kind switch
            {
                DbcTokenKind.Identifier => "a name",
                DbcTokenKind.Number => "a number",
                DbcTokenKind.String => "a quoted string",
                _ => kind.ToString(),
            };
            throw Error(t, $"expected {expected} ({what}), found {t}");
        }

        return t;
    }

    private void ExpectPunct(char c, string where)
    {
        DbcToken t = Next();
        if (!IsPunct(t, c))
        {
            throw Error(t, $"expected '{c}' {where}, found {t}");
        }
    }

    private static bool IsPunct(DbcToken t, char c) => t.Kind == DbcTokenKind.Punctuation && t.Text[0] == c;

    private double ParseDouble(DbcToken t, string what)
        => DbcTokenizer.TryParseNumber(t.Text, out double v) ? v : throw Error(t, $"'{t.Text}' is not a valid {what}");

    private ulong ParseUnsigned(DbcToken t, string what)
    {
        double v = ParseDouble(t, what);
        if (v < 0 || v > uint.MaxValue)
        {
            throw Error(t, $"{what} {t.Text} is outside 0..4294967295");
        }

        return (ulong)v;
    }

    private DbcFormatException Error(DbcToken at, string problem) => new(_fileName, at.Line, problem);

    private static string Fmt(double v) => v.ToString("G", CultureInfo.InvariantCulture);
}
