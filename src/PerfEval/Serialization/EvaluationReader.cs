using System.Text.Json;
using PerfEval.Values;

namespace PerfEval.Serialization;

/// <summary>
/// The fast path for reading an evaluation: one <see cref="Utf8JsonReader"/> pass that builds the
/// <see cref="EvaluationDto"/> and the indicator lines the pre-pass would, with no serializer and no second
/// reading. It accepts only what the strict path accepts — known properties, once each, of the right JSON type,
/// required ones present, numbers inside <see cref="NumberLimit"/>, within the depth and indicator limits — and at
/// the first thing it is not sure of it gives up (<see langword="null"/>), so the strict path reads the document
/// and words the error exactly as before. Valid documents, the common case in a batch, never pay for the
/// strict path's three readings.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class EvaluationReader
{
    // The members of each DTO, in the order its switch numbers them.
    private static readonly Names RootNames = new("$schema", "format", "scheme", "project", "budget", "reported", "notes", "flags", "indicators");
    private static readonly Names ProjectNames = new("id", "name", "unit", "region", "year", "source");
    private static readonly Names BudgetNames = new("planned", "executed", "unit");
    private static readonly Names ReportedNames = new("total", "grade", "executionRate");
    private static readonly Names NodeNames = new("name", "weight", "children", "method", "direction", "target", "actual", "unit", "textValue", "textQuote", "selfScore", "selfScoreParts", "notApplicable", "deviationReason", "checklist", "note", "maxBonus", "bonusPerUnit", "scale");
    private static readonly Names PartNames = new("name", "selfScore");
    private static readonly Names MethodNames = new("kind", "otherwise", "pointsPerPercent", "pointsPerIncident", "bands", "criteria", "tiers", "fullMarksFrom");
    private static readonly Names BandNames = new("min", "minInclusive", "max", "maxInclusive", "points");
    private static readonly Names CriterionNames = new("text", "points");
    private static readonly Names TierNames = new("achievedMin", "partlyMin", "achievedDefault", "partlyDefault", "notAchievedDefault", "narrative");

    /// <summary>Reads a valid evaluation in one pass, or gives up.</summary>
    /// <returns>The document and its pre-pass facts, or <see langword="null"/> when the strict path must read it.</returns>
    public static (EvaluationDto Dto, ScanResult Scan)? TryRead(ReadOnlySpan<byte> json, JsonFileOptions options, int maxIndicators, long lineOffset)
    {
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            return null;
        }

        // About one indicator per 100 bytes of a batch record: the list of their lines grows once or not at all.
        var scan = new ScanResult(json.Length / 100);
        var reader = new Reader(json, options.MaxDepth, maxIndicators, lineOffset, scan.NodeLines);
        try
        {
            var dto = reader.Document();
            scan.Format = dto.Format;
            return (dto, scan);
        }
        catch (Fallback)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // GetString on a lone surrogate escape, and the like: the strict path says what it is.
            return null;
        }
    }

    /// <summary>A DTO's member names as UTF-8, looked up by length first: most names share their length with none or one other.</summary>
    private sealed class Names
    {
        private readonly byte[][] _names;
        private readonly int[][] _byLength;

        public Names(params string[] names)
        {
            _names = [.. names.Select(n => System.Text.Encoding.UTF8.GetBytes(n))];
            _byLength = new int[_names.Max(n => n.Length) + 1][];
            for (var length = 0; length < _byLength.Length; length++)
            {
                _byLength[length] = [.. Enumerable.Range(0, _names.Length).Where(i => _names[i].Length == length)];
            }
        }

        /// <summary>The index of <paramref name="name"/> in the order given, or -1.</summary>
        public int IndexOf(ReadOnlySpan<byte> name)
        {
            if (name.Length >= _byLength.Length)
            {
                return -1;
            }

            foreach (var i in _byLength[name.Length])
            {
                if (name.SequenceEqual(_names[i]))
                {
                    return i;
                }
            }

            return -1;
        }
    }

    /// <summary>Thrown inside the reader at the first doubt; never escapes <see cref="TryRead"/>.</summary>
    private sealed class Fallback : Exception;

    private ref struct Reader
    {
        private readonly int _maxDepth;
        private readonly int _maxIndicators;
        private readonly long _lineOffset;
        private readonly List<long> _nodeLines;
        private readonly ReadOnlySpan<byte> _json;
        private Utf8JsonReader _r;
        private int _depth;
        private long _line;
        private int _linePos;

        public Reader(ReadOnlySpan<byte> json, int maxDepth, int maxIndicators, long lineOffset, List<long> nodeLines)
        {
            _json = json;
            _r = new Utf8JsonReader(json, new JsonReaderOptions
            {
                CommentHandling = JsonCommentHandling.Disallow,
                AllowTrailingCommas = false,
                MaxDepth = JsonFileOptions.DepthCeiling + 1,
            });
            _maxDepth = maxDepth;
            _maxIndicators = maxIndicators;
            _lineOffset = lineOffset;
            _nodeLines = nodeLines;
            _line = 1;
        }

        public EvaluationDto Document()
        {
            Next();
            Enter(JsonTokenType.StartObject);
            string? schema = null, format = null, scheme = null;
            ProjectDto? project = null;
            BudgetDto? budget = null;
            ReportedDto? reported = null;
            List<string?>? notes = null;
            Dictionary<string, bool>? flags = null;
            List<NodeDto?>? indicators = null;
            var seen = 0;
            while (NextProperty())
            {
                switch (Name(ref seen, RootNames))
                {
                    case 0: schema = NullableString(); break;
                    case 1: format = String(); break;
                    case 2: scheme = String(); break;
                    case 3: Next(); project = Project(); break;
                    case 4: Next(); budget = IsNull() ? null : Budget(); break;
                    case 5: Next(); reported = IsNull() ? null : Reported(); break;
                    case 6: Next(); notes = IsNull() ? null : Notes(); break;
                    case 7: Next(); flags = IsNull() ? null : Flags(); break;
                    default: Next(); indicators = Nodes(); break;
                }
            }

            // Anything after the document, a format of another kind, a missing member: the strict path words it.
            if (_r.Read() || format is null || scheme is null || project is null || indicators is null
                || !string.Equals(format, EvaluationFile.Format, StringComparison.Ordinal))
            {
                throw new Fallback();
            }

            return new EvaluationDto
            {
                Schema = schema,
                Format = format,
                Scheme = scheme,
                Project = project,
                Budget = budget,
                Reported = reported,
                Notes = notes,
                Flags = flags,
                Indicators = indicators,
            };
        }

        private ProjectDto Project()
        {
            Enter(JsonTokenType.StartObject);
            string? id = null, name = null, unit = null, region = null, source = null;
            int? year = null;
            var seen = 0;
            while (NextProperty())
            {
                switch (Name(ref seen, ProjectNames))
                {
                    case 0: id = String(); break;
                    case 1: name = NullableString(); break;
                    case 2: unit = NullableString(); break;
                    case 3: region = NullableString(); break;
                    case 4: year = NullableInt(); break;
                    default: source = NullableString(); break;
                }
            }

            return new ProjectDto { Id = id ?? throw new Fallback(), Name = name, Unit = unit, Region = region, Year = year, Source = source };
        }

        private BudgetDto Budget()
        {
            Enter(JsonTokenType.StartObject);
            decimal? planned = null, executed = null;
            string? unit = null;
            var seen = 0;
            while (NextProperty())
            {
                switch (Name(ref seen, BudgetNames))
                {
                    case 0: planned = Decimal(); break;
                    case 1: executed = Decimal(); break;
                    default: unit = NullableString(); break;
                }
            }

            return new BudgetDto { Planned = planned ?? throw new Fallback(), Executed = executed ?? throw new Fallback(), Unit = unit };
        }

        private ReportedDto Reported()
        {
            Enter(JsonTokenType.StartObject);
            decimal? total = null;
            string? grade = null, rate = null;
            var seen = 0;
            while (NextProperty())
            {
                switch (Name(ref seen, ReportedNames))
                {
                    case 0: total = NullableDecimal(); break;
                    case 1: grade = NullableString(); break;
                    default: rate = NullableString(); break;
                }
            }

            return new ReportedDto { Total = total, Grade = grade, ExecutionRate = rate };
        }

        private List<string?> Notes()
        {
            Enter(JsonTokenType.StartArray);
            var list = new List<string?>();
            while (NextItem())
            {
                list.Add(_r.TokenType switch
                {
                    JsonTokenType.Null => null,
                    JsonTokenType.String => _r.GetString(),
                    _ => throw new Fallback(),
                });
            }

            return list;
        }

        private Dictionary<string, bool> Flags()
        {
            Enter(JsonTokenType.StartObject);
            var flags = new Dictionary<string, bool>(StringComparer.Ordinal);
            while (NextProperty())
            {
                var name = _r.GetString()!;
                Next();
                var value = _r.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => throw new Fallback(),
                };
                if (!flags.TryAdd(name, value))
                {
                    throw new Fallback();
                }
            }

            return flags;
        }

        private List<NodeDto?> Nodes()
        {
            Enter(JsonTokenType.StartArray);
            var list = new List<NodeDto?>();
            while (NextItem())
            {
                list.Add(IsNull() ? null : Node());
            }

            return list;
        }

        private NodeDto Node()
        {
            if (_nodeLines.Count >= _maxIndicators)
            {
                throw new Fallback();
            }

            _nodeLines.Add(LineAt((int)_r.TokenStartIndex));
            Enter(JsonTokenType.StartObject);
            string? name = null, direction = null, target = null, actual = null, unit = null, textValue = null, textQuote = null, deviation = null, note = null;
            decimal? weight = null, selfScore = null, maxBonus = null, bonusPerUnit = null, scale = null;
            bool? notApplicable = null;
            List<NodeDto?>? children = null;
            MethodDto? method = null;
            List<ScorePartDto?>? parts = null;
            List<bool>? checklist = null;
            var seen = 0;
            while (NextProperty())
            {
                switch (Name(ref seen, NodeNames))
                {
                    case 0: name = String(); break;
                    case 1: weight = NullableDecimal(); break;
                    case 2: Next(); children = IsNull() ? null : Nodes(); break;
                    case 3: Next(); method = IsNull() ? null : Method(); break;
                    case 4: direction = NullableShortString(); break;
                    case 5: target = NullableShortString(); break;
                    case 6: actual = NullableShortString(); break;
                    case 7: unit = NullableShortString(); break;
                    case 8: textValue = NullableShortString(); break;
                    case 9: textQuote = NullableString(); break;
                    case 10: selfScore = NullableDecimal(); break;
                    case 11: Next(); parts = IsNull() ? null : Parts(); break;
                    case 12: notApplicable = NullableBool(); break;
                    case 13: deviation = NullableString(); break;
                    case 14: Next(); checklist = IsNull() ? null : Checklist(); break;
                    case 15: note = NullableString(); break;
                    case 16: maxBonus = NullableDecimal(); break;
                    case 17: bonusPerUnit = NullableDecimal(); break;
                    default: scale = NullableDecimal(); break;
                }
            }

            return new NodeDto
            {
                Name = name ?? throw new Fallback(),
                Weight = weight,
                Children = children,
                Method = method,
                Direction = direction,
                Target = target,
                Actual = actual,
                Unit = unit,
                TextValue = textValue,
                TextQuote = textQuote,
                SelfScore = selfScore,
                SelfScoreParts = parts,
                NotApplicable = notApplicable,
                DeviationReason = deviation,
                Checklist = checklist,
                Note = note,
                MaxBonus = maxBonus,
                BonusPerUnit = bonusPerUnit,
                Scale = scale,
            };
        }

        private List<ScorePartDto?> Parts()
        {
            Enter(JsonTokenType.StartArray);
            var list = new List<ScorePartDto?>();
            while (NextItem())
            {
                if (IsNull())
                {
                    list.Add(null);
                    continue;
                }

                Enter(JsonTokenType.StartObject);
                string? name = null;
                decimal? score = null;
                var seen = 0;
                while (NextProperty())
                {
                    switch (Name(ref seen, PartNames))
                    {
                        case 0: name = String(); break;
                        default: score = Decimal(); break;
                    }
                }

                list.Add(new ScorePartDto { Name = name ?? throw new Fallback(), SelfScore = score ?? throw new Fallback() });
            }

            return list;
        }

        private List<bool> Checklist()
        {
            Enter(JsonTokenType.StartArray);
            var list = new List<bool>();
            while (NextItem())
            {
                list.Add(_r.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => throw new Fallback(),
                });
            }

            return list;
        }

        private MethodDto Method()
        {
            Enter(JsonTokenType.StartObject);
            string? kind = null, otherwise = null;
            decimal? perPercent = null, perIncident = null, fullMarksFrom = null;
            List<BandDto?>? bands = null;
            List<CriterionDto?>? criteria = null;
            TiersDto? tiers = null;
            var seen = 0;
            while (NextProperty())
            {
                switch (Name(ref seen, MethodNames))
                {
                    case 0: kind = NullableShortString() ?? throw new Fallback(); break;
                    case 1: otherwise = NullableString(); break;
                    case 2: perPercent = NullableDecimal(); break;
                    case 3: perIncident = NullableDecimal(); break;
                    case 4: Next(); bands = IsNull() ? null : Bands(); break;
                    case 5: Next(); criteria = IsNull() ? null : Criteria(); break;
                    case 6: Next(); tiers = IsNull() ? null : Tiers(); break;
                    default: fullMarksFrom = NullableDecimal(); break;
                }
            }

            return new MethodDto
            {
                Kind = kind ?? throw new Fallback(),
                Otherwise = otherwise,
                PointsPerPercent = perPercent,
                PointsPerIncident = perIncident,
                Bands = bands,
                Criteria = criteria,
                Tiers = tiers,
                FullMarksFrom = fullMarksFrom,
            };
        }

        private List<BandDto?> Bands()
        {
            Enter(JsonTokenType.StartArray);
            var list = new List<BandDto?>();
            while (NextItem())
            {
                if (IsNull())
                {
                    list.Add(null);
                    continue;
                }

                Enter(JsonTokenType.StartObject);
                decimal? min = null, max = null, points = null;
                bool? minInclusive = null, maxInclusive = null;
                var seen = 0;
                while (NextProperty())
                {
                    switch (Name(ref seen, BandNames))
                    {
                        case 0: min = NullableDecimal(); break;
                        case 1: minInclusive = NullableBool(); break;
                        case 2: max = NullableDecimal(); break;
                        case 3: maxInclusive = NullableBool(); break;
                        default: points = Decimal(); break;
                    }
                }

                list.Add(new BandDto { Min = min, MinInclusive = minInclusive, Max = max, MaxInclusive = maxInclusive, Points = points ?? throw new Fallback() });
            }

            return list;
        }

        private List<CriterionDto?> Criteria()
        {
            Enter(JsonTokenType.StartArray);
            var list = new List<CriterionDto?>();
            while (NextItem())
            {
                if (IsNull())
                {
                    list.Add(null);
                    continue;
                }

                Enter(JsonTokenType.StartObject);
                string? text = null;
                decimal? points = null;
                var seen = 0;
                while (NextProperty())
                {
                    switch (Name(ref seen, CriterionNames))
                    {
                        case 0: text = String(); break;
                        default: points = Decimal(); break;
                    }
                }

                list.Add(new CriterionDto { Text = text ?? throw new Fallback(), Points = points ?? throw new Fallback() });
            }

            return list;
        }

        private TiersDto Tiers()
        {
            Enter(JsonTokenType.StartObject);
            decimal? achievedMin = null, partlyMin = null, achievedDefault = null, partlyDefault = null, notAchievedDefault = null;
            string? narrative = null;
            var seen = 0;
            while (NextProperty())
            {
                switch (Name(ref seen, TierNames))
                {
                    case 0: achievedMin = NullableDecimal(); break;
                    case 1: partlyMin = NullableDecimal(); break;
                    case 2: achievedDefault = NullableDecimal(); break;
                    case 3: partlyDefault = NullableDecimal(); break;
                    case 4: notAchievedDefault = NullableDecimal(); break;
                    default: narrative = NullableString(); break;
                }
            }

            return new TiersDto
            {
                AchievedMin = achievedMin,
                PartlyMin = partlyMin,
                AchievedDefault = achievedDefault,
                PartlyDefault = partlyDefault,
                NotAchievedDefault = notAchievedDefault,
                Narrative = narrative,
            };
        }

        // ───────────────────────────── tokens ─────────────────────────────

        private void Next()
        {
            if (!_r.Read())
            {
                throw new Fallback();
            }
        }

        /// <summary>At the start of a container of <paramref name="type"/>: counts its depth as the pre-pass does.</summary>
        private void Enter(JsonTokenType type)
        {
            if (_r.TokenType != type || ++_depth > _maxDepth)
            {
                throw new Fallback();
            }
        }

        /// <summary>Moves to the next property name of the current object; <see langword="false"/> at its end.</summary>
        private bool NextProperty()
        {
            Next();
            if (_r.TokenType == JsonTokenType.EndObject)
            {
                _depth--;
                return false;
            }

            // An escaped name is rare and compared as text by the serializer: leave it to the strict path.
            if (_r.ValueIsEscaped)
            {
                throw new Fallback();
            }

            return true;
        }

        /// <summary>Moves to the next item of the current array; <see langword="false"/> at its end.</summary>
        private bool NextItem()
        {
            Next();
            if (_r.TokenType == JsonTokenType.EndArray)
            {
                _depth--;
                return false;
            }

            if (_r.TokenType == JsonTokenType.Number)
            {
                CheckNumber();
            }

            return true;
        }

        /// <summary>Which of the known names the current property is; an unknown or repeated one gives up.</summary>
        private readonly int Name(ref int seen, Names names)
        {
            var i = names.IndexOf(_r.ValueSpan);
            var bit = 1 << i;
            if (i < 0 || (seen & bit) != 0)
            {
                throw new Fallback();
            }

            seen |= bit;
            return i;
        }

        private bool IsNull() => _r.TokenType == JsonTokenType.Null;

        private string String()
        {
            Next();
            return _r.TokenType == JsonTokenType.String ? _r.GetString()! : throw new Fallback();
        }

        private string? NullableString()
        {
            Next();
            return _r.TokenType switch
            {
                JsonTokenType.Null => null,
                JsonTokenType.String => _r.GetString(),
                _ => throw new Fallback(),
            };
        }

        /// <summary>
        /// A string member whose texts repeat across the nodes and records of a batch (a method's kind, a target like
        /// "≥95%", a unit): the same bytes give the same string from a small per-thread table, not a new one each time.
        /// </summary>
        private string? NullableShortString()
        {
            Next();
            return _r.TokenType switch
            {
                JsonTokenType.Null => null,
                JsonTokenType.String => _r.ValueSpan.Length <= ShortStrings.MaxBytes && !_r.HasValueSequence ? ShortStrings.Get(ref _r) : _r.GetString(),
                _ => throw new Fallback(),
            };
        }

        private decimal Decimal()
        {
            Next();
            return _r.TokenType == JsonTokenType.Number ? CheckNumber() : throw new Fallback();
        }

        private decimal? NullableDecimal()
        {
            Next();
            return _r.TokenType switch
            {
                JsonTokenType.Null => null,
                JsonTokenType.Number => CheckNumber(),
                _ => throw new Fallback(),
            };
        }

        private int? NullableInt()
        {
            Next();
            if (_r.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            if (_r.TokenType != JsonTokenType.Number)
            {
                throw new Fallback();
            }

            CheckNumber();
            return _r.TryGetInt32(out var value) ? value : throw new Fallback();
        }

        private bool? NullableBool()
        {
            Next();
            return _r.TokenType switch
            {
                JsonTokenType.Null => null,
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                _ => throw new Fallback(),
            };
        }

        /// <summary>The pre-pass's number check: inside <see cref="NumberLimit"/> and not a negative zero.</summary>
        private decimal CheckNumber()
        {
            var text = _r.ValueSpan;
            if (!(TryPlainDecimal(text, out var number) || _r.TryGetDecimal(out number)) || !NumberLimit.InRange(number) || (number == 0 && text[0] == (byte)'-'))
            {
                throw new Fallback();
            }

            return number;
        }

        /// <summary>
        /// The numbers reports hold (25, 8.33, -1.5): up to 18 digits, an optional sign and point, no exponent, read
        /// without the general parser — the same value and scale as <see cref="Utf8JsonReader.TryGetDecimal"/> gives.
        /// </summary>
        private static bool TryPlainDecimal(ReadOnlySpan<byte> text, out decimal value)
        {
            value = 0;
            var negative = text.Length > 0 && text[0] == (byte)'-';
            long mantissa = 0;
            var digits = 0;
            var scale = -1;
            for (var i = negative ? 1 : 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == (byte)'.' && scale < 0)
                {
                    scale = 0;
                    continue;
                }

                if (c is < (byte)'0' or > (byte)'9' || ++digits > 18)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + (c - '0');
                if (scale >= 0)
                {
                    scale++;
                }
            }

            if (digits == 0 || scale == 0)
            {
                return false;
            }

            value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, negative, (byte)Math.Max(scale, 0));
            return true;
        }

        private long LineAt(int offset)
        {
            if (offset > _linePos)
            {
                _line += _json[_linePos..offset].Count((byte)'\n');
                _linePos = offset;
            }

            return _line + _lineOffset;
        }
    }

    /// <summary>
    /// Strings read from the same raw bytes (as they stand in the JSON, escapes and all), remembered per thread in a
    /// table of 256 slots: one slot per hash, the last text in it kept. A repeat costs a hash and a comparison instead
    /// of unescaping, transcoding and a new string.
    /// </summary>
    private static class ShortStrings
    {
        public const int MaxBytes = 48;

        [ThreadStatic]
        private static (byte[] Raw, string Text)[]? t_slots;

        public static string Get(ref Utf8JsonReader r)
        {
            var raw = r.ValueSpan;
            var slots = t_slots ??= new (byte[], string)[256];
            var h = new HashCode();
            h.AddBytes(raw);
            ref var slot = ref slots[h.ToHashCode() & 255];
            if (slot.Raw is { } known && raw.SequenceEqual(known))
            {
                return slot.Text;
            }

            var text = r.GetString()!;
            slot = (raw.ToArray(), text);
            return text;
        }
    }
}
