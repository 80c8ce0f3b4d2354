namespace Depin.Compute; public static class Placeholder {}
