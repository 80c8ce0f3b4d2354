namespace Depin.ServiceDefaults.Messaging;

/// <summary>An integration message made from a stored event: published, or sent to one queue when SendTo is set.</summary>
public sealed record OutgoingMessage(object Message, Guid? JobId = null, Uri? SendTo = null);
