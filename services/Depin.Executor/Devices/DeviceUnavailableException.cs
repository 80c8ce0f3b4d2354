namespace Depin.Executor.Devices;

/// <summary>Executor:Backend asks for a device this machine does not have (or names no backend): the executor does not start.</summary>
public sealed class DeviceUnavailableException(string message) : Exception(message);
