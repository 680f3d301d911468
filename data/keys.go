package data

// The keys of an account: its password-derived key wraps the audit key (argon2id, AES-GCM), and a MAC seals its role.

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// derive is the password's key.
func derive(pw string, salt []byte, p kdfParams) []byte {
	return argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, 32)
}

// wrap seals the audit key under the password, with a fresh salt.
func (s *Store) wrap(a *Account, key []byte, pw string) error {
	a.Salt, a.KDF = make([]byte, 16), s.kdf
	if _, err := rand.Read(a.Salt); err != nil {
		return err
	}
	g, err := newGCM(derive(pw, a.Salt, a.KDF))
	if err != nil {
		return err
	}
	nonce := make([]byte, g.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return err
	}
	a.Wrapped = g.Seal(nonce, nonce, key, []byte(a.Name))
	return nil
}

// unwrap opens the audit key with the password; false when it is wrong.
func unwrap(a *Account, pw string) ([]byte, bool) {
	g, err := newGCM(derive(pw, a.Salt, a.KDF))
	if err != nil || len(a.Wrapped) < g.NonceSize() {
		return nil, false
	}
	n := g.NonceSize()
	key, err := g.Open(nil, a.Wrapped[:n], a.Wrapped[n:], []byte(a.Name))
	return key, err == nil
}

func newGCM(k []byte) (cipher.AEAD, error) {
	c, err := aes.NewCipher(k)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(c)
}

// accountSeal is the key's HMAC of what an account may do.
func accountSeal(key []byte, a *Account) []byte {
	m := hmac.New(sha256.New, key)
	fmt.Fprintf(m, "account\x00%s\x00%s\x00%s", a.Name, a.Role, strings.Join(a.Grants, "\x00"))
	return m.Sum(nil)
}
