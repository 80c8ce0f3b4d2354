namespace Depin.EventStore; public static class Placeholder {}
