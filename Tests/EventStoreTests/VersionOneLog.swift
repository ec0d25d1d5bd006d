@testable import EventStore
import Events
import Foundation
import Testing

/// A log in the version 1 format (records without batch frames), as `tafel stress append
/// --concurrency 4 --events 6` of the release before batch frames left it: four events.
/// `tafel verify` of that release printed
/// `ok 4 events head 84e86bd5…`, and `tafel export` wrote bytes whose SHA-256 is `ac7fa6af…`.
enum VersionOneLog {
    static let bytes = Data(base64Encoded: base64.joined()) ?? Data()
    static let head = "84e86bd523b8967fb3f398060aa4f0006d394702fb1bb168d41ad331a66762d5"
    static let exportDigest = "ac7fa6afc5f9f2b5e210129fcd3f871cbb68e81225644d1e75516b605fe5a73d"
    static let base64 = [
        "VEFGRUwtTE9HIHYxCgAAAPgBAABd/fLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABYi3WaVk8Q+OHUbQ0nn483/U2w",
        "y4KuaciKcPLuQs9G3nsiYWN0b3IiOnsicHJpbmNpcGFsSWQiOiJzdHJlc3MiLCJyb2xlIjoiYWRtaW4ifSwiY2F1c2F0aW9uSWQi",
        "Om51bGwsImNvcnJlbGF0aW9uSWQiOiIzZTNiMTM3Yy01ZWQ0LTRkZmEtODE4OS05M2Q5Y2QzM2U5OGMiLCJkYXRhIjp7ImRlcGFy",
        "dG1lbnRJZCI6IndvbmVuIiwiZG9zc2llcklkIjoic3RyZXNzLTAiLCJub3RlIjoic3RyZXNzIDAuMCIsInN0YXR1cyI6ImluX3By",
        "b2dyZXNzIn0sImV2ZW50SWQiOiI5YzcxMGMxMy01YjkyLTQzMWUtOTFlNi1hNTYxMjYyNmUwZGEiLCJwb3NpdGlvbiI6MSwicmVj",
        "b3JkZWRBdCI6IjIwMjYtMTItMDRUMTI6NDQ6NTguOTg2WiIsInJlcXVlc3RJZCI6bnVsbCwic2NoZW1hVmVyc2lvbiI6MSwic3Ry",
        "ZWFtIjoiZG9zc2llci1zdHJlc3MtZmM2MGViMTctMCIsInR5cGUiOiJEZXBhcnRtZW50U3RhdHVzVXBkYXRlZCIsInZlcnNpb24i",
        "OjF9+AEAAKCIUTFYi3WaVk8Q+OHUbQ0nn483/U2wy4KuaciKcPLuQs9G3hngNwDCxfkoO5EbVdUAUwALUBvaiLAZ565fcvqAscE6",
        "eyJhY3RvciI6eyJwcmluY2lwYWxJZCI6InN0cmVzcyIsInJvbGUiOiJhZG1pbiJ9LCJjYXVzYXRpb25JZCI6bnVsbCwiY29ycmVs",
        "YXRpb25JZCI6IjFlZDA0NmE3LWQxNzQtNDY1MC1hZjE5LWM2ODQwOTkwMDI1OSIsImRhdGEiOnsiZGVwYXJ0bWVudElkIjoid29u",
        "ZW4iLCJkb3NzaWVySWQiOiJzdHJlc3MtMSIsIm5vdGUiOiJzdHJlc3MgMC4wIiwic3RhdHVzIjoiaW5fcHJvZ3Jlc3MifSwiZXZl",
        "bnRJZCI6Ijc3YmE0YTExLWViNmMtNDI3Yy05ODYzLWMxNDk2ZTc5ZjNkMyIsInBvc2l0aW9uIjoyLCJyZWNvcmRlZEF0IjoiMjAy",
        "Ni0xMi0wNFQxMjo0NDo1OC45ODZaIiwicmVxdWVzdElkIjpudWxsLCJzY2hlbWFWZXJzaW9uIjoxLCJzdHJlYW0iOiJkb3NzaWVy",
        "LXN0cmVzcy1mYzYwZWIxNy0xIiwidHlwZSI6IkRlcGFydG1lbnRTdGF0dXNVcGRhdGVkIiwidmVyc2lvbiI6MX34AQAAbODnVRng",
        "NwDCxfkoO5EbVdUAUwALUBvaiLAZ565fcvqAscE6IWf7aFgO4PIlkGuoYn2EtRyVV8rOfucj/roATAzQeNt7ImFjdG9yIjp7InBy",
        "aW5jaXBhbElkIjoic3RyZXNzIiwicm9sZSI6ImFkbWluIn0sImNhdXNhdGlvbklkIjpudWxsLCJjb3JyZWxhdGlvbklkIjoiNDVh",
        "YjA3ODMtODIzZS00ZmMxLTgxZDYtMzI4MDE0OGEyNGYwIiwiZGF0YSI6eyJkZXBhcnRtZW50SWQiOiJ3b25lbiIsImRvc3NpZXJJ",
        "ZCI6InN0cmVzcy0yIiwibm90ZSI6InN0cmVzcyAwLjAiLCJzdGF0dXMiOiJpbl9wcm9ncmVzcyJ9LCJldmVudElkIjoiMjczYjk4",
        "NmItM2M1OS00ZDkxLTk5MTQtMzY5YWI3MzMxNDcwIiwicG9zaXRpb24iOjMsInJlY29yZGVkQXQiOiIyMDI2LTEyLTA0VDEyOjQ0",
        "OjU4Ljk4NloiLCJyZXF1ZXN0SWQiOm51bGwsInNjaGVtYVZlcnNpb24iOjEsInN0cmVhbSI6ImRvc3NpZXItc3RyZXNzLWZjNjBl",
        "YjE3LTIiLCJ0eXBlIjoiRGVwYXJ0bWVudFN0YXR1c1VwZGF0ZWQiLCJ2ZXJzaW9uIjoxffgBAACiF+9GIWf7aFgO4PIlkGuoYn2E",
        "tRyVV8rOfucj/roATAzQeNuE6GvVI7iWf7PzmAYKpPAAbTlHAvsbsWjUGtMxpmdi1XsiYWN0b3IiOnsicHJpbmNpcGFsSWQiOiJz",
        "dHJlc3MiLCJyb2xlIjoiYWRtaW4ifSwiY2F1c2F0aW9uSWQiOm51bGwsImNvcnJlbGF0aW9uSWQiOiIzNjU1NzFmYy1iYjI0LTQ4",
        "YzUtOTFjZC00YWQ2ZDUyNjE3MjAiLCJkYXRhIjp7ImRlcGFydG1lbnRJZCI6IndvbmVuIiwiZG9zc2llcklkIjoic3RyZXNzLTMi",
        "LCJub3RlIjoic3RyZXNzIDAuMCIsInN0YXR1cyI6ImluX3Byb2dyZXNzIn0sImV2ZW50SWQiOiI3MDdjYzEyOS1hNTFmLTQxYmIt",
        "ODI5Ni1iNGMzMzBjOTg5NWEiLCJwb3NpdGlvbiI6NCwicmVjb3JkZWRBdCI6IjIwMjYtMTItMDRUMTI6NDQ6NTguOTg2WiIsInJl",
        "cXVlc3RJZCI6bnVsbCwic2NoZW1hVmVyc2lvbiI6MSwic3RyZWFtIjoiZG9zc2llci1zdHJlc3MtZmM2MGViMTctMyIsInR5cGUi",
        "OiJEZXBhcnRtZW50U3RhdHVzVXBkYXRlZCIsInZlcnNpb24iOjF9",
    ]

    /// A store directory holding this log, never opened.
    static func directory() throws -> String {
        let directory = try TemporaryDirectory.make()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try bytes.write(to: URL(fileURLWithPath: directory + "/events.log"))
        return directory
    }
}
