namespace PerfEval.Serialization;

/// <summary>
/// Where an indicator stands in its evaluation file: its line, and its JSON path (<c>$.indicators[0].children[2]</c>),
/// which is built only when a problem names it — every node of every batch record has an origin, few ever need the
/// text, and building it for each was a tenth of the time of reading a record.
/// </summary>
/// <remarks>Immutable and thread-safe: the path is built at most once per caller that races for it, always the same text.</remarks>
internal sealed class JsonOrigin
{
    private readonly JsonOrigin? _parent;
    private readonly int _index;
    private string? _path;

    /// <param name="parent">The branch whose <c>children</c> the node is in, or null for a level-1 node of <c>$.indicators</c>.</param>
    /// <param name="index">The node's place in that array.</param>
    /// <param name="line">The line its object starts on, when known.</param>
    public JsonOrigin(JsonOrigin? parent, int index, long? line)
    {
        _parent = parent;
        _index = index;
        Line = line;
    }

    /// <summary>The line the node's object starts on.</summary>
    public long? Line { get; }

    /// <summary>The node's JSON path.</summary>
    public string JsonPath => _path ??= StrictJson.Item(_parent is null ? "$.indicators" : StrictJson.Child(_parent.JsonPath, "children"), _index);

    /// <summary>The path of one of the node's members, built when it is used.</summary>
    public LazyPath Member(string name) => new(this, name);
}

/// <summary>
/// A JSON path that is text already or a member of an <see cref="JsonOrigin"/> built on first use: the mapping of a
/// method passes its place down to every check, and the text is wanted only when one of them finds a problem.
/// </summary>
internal readonly struct LazyPath
{
    private readonly string? _text;
    private readonly JsonOrigin? _origin;
    private readonly string? _member;

    public LazyPath(string text) => _text = text;

    public LazyPath(JsonOrigin origin, string member) => (_origin, _member) = (origin, member);

    public static implicit operator LazyPath(string text) => new(text);

    public static implicit operator string(LazyPath path) => path.ToString();

    /// <inheritdoc/>
    public override string ToString() => _text ?? StrictJson.Child(_origin!.JsonPath, _member!);
}
