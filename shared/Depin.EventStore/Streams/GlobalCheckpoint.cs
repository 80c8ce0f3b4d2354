namespace Depin.EventStore.Streams;

/// <summary>
/// A place in the global log. Events are read in (transaction id, position) order and only from
/// transactions older than every transaction still in flight, so nothing can later appear behind
/// a checkpoint (a bigserial alone can: a lower position may commit after a higher one).
/// </summary>
public readonly record struct GlobalCheckpoint(ulong TransactionId, long Position) : IComparable<GlobalCheckpoint>
{
    public int CompareTo(GlobalCheckpoint other) =>
        TransactionId != other.TransactionId ? TransactionId.CompareTo(other.TransactionId) : Position.CompareTo(other.Position);

    public static readonly GlobalCheckpoint Start = new(0, 0);

    public override string ToString() => $"{TransactionId}-{Position}";

    public static bool TryParse(string? text, out GlobalCheckpoint checkpoint)
    {
        checkpoint = Start;
        if (string.IsNullOrEmpty(text)) return true;
        var parts = text.Split('-');
        if (parts.Length != 2 || !ulong.TryParse(parts[0], out var tx) || !long.TryParse(parts[1], out var pos) || pos < 0)
            return false;
        checkpoint = new GlobalCheckpoint(tx, pos);
        return true;
    }
}
