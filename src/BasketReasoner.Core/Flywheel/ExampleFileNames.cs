using System.Security.Cryptography;
using System.Text;

namespace BasketReasoner.Core.Flywheel;

/// <summary>
/// The file names a labelled example's frames get, the same when the server keeps them and when the flywheel exports
/// them: ids cleaned to file-name characters, and a short hash of the raw ids, because ids that clean alike ("fly/9",
/// "fly_9") or that join alike (cart "a" event "1-x", cart "a-1" event "x") must not share a file.
/// </summary>
public static class ExampleFileNames
{
    /// <summary><c>CART-EVENT-HASH-N.jpg</c> for frame <paramref name="index"/> of an example.</summary>
    public static string Frame(string cartId, string eventId, int index) => $"{Safe(cartId)}-{Safe(eventId)}-{Tag(cartId, eventId)}-{index}.jpg";

    /// <summary>12 hex digits of the raw cart and event ids.</summary>
    public static string Tag(string cartId, string eventId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{cartId}\0{eventId}")))[..12];

    /// <summary>
    /// <paramref name="id"/> as a file or folder name: anything but letters, digits, '.', '_' and '-' replaced by '_',
    /// and never "." or ".." (a product id names a folder).
    /// </summary>
    public static string Safe(string id)
    {
        var chars = id.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(chars[i]) || chars[i] is '.' or '_' or '-'))
            {
                chars[i] = '_';
            }
        }

        return chars.Length == 0 || chars[0] == '.' ? "_" + new string(chars) : new string(chars);
    }
}
