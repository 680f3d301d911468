// Package assets holds the resources bundled into the program.
//
// It imports only embed.
package assets
