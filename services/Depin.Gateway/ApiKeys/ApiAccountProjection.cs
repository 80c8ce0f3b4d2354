using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Depin.Gateway.ApiKeys;

public sealed class ApiAccountProjection : SingleStreamProjection<ApiAccount, string>
{
    public override ApiAccount Evolve(ApiAccount? snapshot, string id, IEvent e) => e.Data switch
    {
        ApiAccountOpened o => new ApiAccount { Id = id, AccountId = o.AccountId, Name = o.Name, Role = o.Role, KeyHash = o.KeyHash, CreatedAt = o.At },
        ApiKeyRotated r when snapshot is not null => With(snapshot, r.KeyHash),
        ApiKeyRevoked when snapshot is not null => With(snapshot, null),
        _ => snapshot ?? new ApiAccount { Id = id },
    };

    private static ApiAccount With(ApiAccount account, string? keyHash)
    {
        account.KeyHash = keyHash;
        return account;
    }
}
