namespace Depin.ServiceDefaults.Messaging;

/// <summary>
/// An integration message made from a stored event: published, or sent to one queue when SendTo is set. TimeToLive: the broker
/// drops it unread after that long (a message only worth reading soon, to a queue whose reader may be gone for good).
/// </summary>
public sealed record OutgoingMessage(object Message, Guid? JobId = null, Uri? SendTo = null, TimeSpan? TimeToLive = null);
