namespace BasketReasoner.Generation.Tokenization;

/// <summary>GPT-2's byte-to-printable-character table that ByteLevel BPE vocabularies are written in.</summary>
internal static class ByteLevelAlphabet
{
    private static readonly char[] s_byteToChar = Build();
    private static readonly Dictionary<char, byte> s_charToByte = s_byteToChar
        .Select((c, b) => (c, b)).ToDictionary(p => p.c, p => (byte)p.b);

    public static char CharOf(byte b) => s_byteToChar[b];

    /// <summary>Bytes of a vocabulary entry, or <c>null</c> when it holds a character outside the alphabet.</summary>
    public static byte[]? TryBytesOf(string token)
    {
        var bytes = new byte[token.Length];
        for (int i = 0; i < token.Length; i++)
        {
            if (!s_charToByte.TryGetValue(token[i], out bytes[i]))
            {
                return null;
            }
        }

        return bytes;
    }

    private static char[] Build()
    {
        var map = new char[256];
        var direct = new bool[256];
        for (int b = '!'; b <= '~'; b++) direct[b] = true;
        for (int b = 0xA1; b <= 0xAC; b++) direct[b] = true;
        for (int b = 0xAE; b <= 0xFF; b++) direct[b] = true;
        int next = 0;
        for (int b = 0; b < 256; b++)
        {
            map[b] = direct[b] ? (char)b : (char)(256 + next++);
        }

        return map;
    }
}
