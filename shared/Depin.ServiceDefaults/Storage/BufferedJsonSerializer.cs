using System.Data.Common;
using Weasel.Core;
using Weasel.Storage;
using MartenJson = Marten.Services.SystemTextJsonSerializer;

namespace Depin.ServiceDefaults.Storage;

/// <summary>
/// Marten's System.Text.Json serializer, except that a document or event read from a query row is parsed from the
/// row in memory instead of through <c>JsonSerializer.DeserializeAsync</c> over a stream. Marten never opens a reader
/// with <c>SequentialAccess</c>, so by the time a column is read the whole row is buffered and the synchronous read
/// does no I/O; the async stream path rented a 16 KB buffer and ran a chain of state machines for every row, which
/// was most of a full replay's time for events of a hundred bytes (bench.sh eventstore). Everything else, writes
/// included, is Marten's own serializer: this is still a <see cref="MartenJson"/> for Marten's
/// type checks, and it re-implements only the two reader methods of the interface.
/// </summary>
public sealed class BufferedJsonSerializer : MartenJson, Marten.ISerializer, IStorageSerializer
{
    public BufferedJsonSerializer(EnumStorage enumStorage, Casing casing)
    {
        EnumStorage = enumStorage;
        Casing = casing;
    }

    ValueTask<T> IStorageSerializer.FromJsonAsync<T>(DbDataReader reader, int index, CancellationToken cancellationToken) =>
        ValueTask.FromResult(FromJson<T>(reader, index));

    ValueTask<object> IStorageSerializer.FromJsonAsync(Type type, DbDataReader reader, int index, CancellationToken cancellationToken) =>
        ValueTask.FromResult(FromJson(type, reader, index));
}
